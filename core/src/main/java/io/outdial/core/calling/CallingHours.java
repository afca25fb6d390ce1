package io.outdial.core.calling;

import io.outdial.core.ValidationException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The local days and hours during which a recipient may be called: {@code start} inclusive to
 * {@code end} exclusive, on {@code days}. Windows crossing midnight are not supported (calling
 * rules are daytime rules).
 *
 * @param days the days of the week calls are allowed, at least one
 * @param start first allowed local time
 * @param end first local time no longer allowed, after {@code start}
 */
public record CallingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
  /** 08:00 to 21:00 every day, in the recipient's local time. */
  public static final CallingHours DEFAULT =
      new CallingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(8, 0), LocalTime.of(21, 0));

  public CallingHours {
    if (days == null || days.isEmpty()) {
      throw new ValidationException("calling_days", "calling_days must name at least one day");
    }
    days = Set.copyOf(days);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new ValidationException(
          "calling_hours", "calling_hours must start before they end, within one day");
    }
  }

  /** Every day from {@code start} to {@code end}. */
  public static CallingHours daily(LocalTime start, LocalTime end) {
    return new CallingHours(EnumSet.allOf(DayOfWeek.class), start, end);
  }

  /** Whether a call at this local date-time is allowed. */
  public boolean allows(ZonedDateTime local) {
    LocalTime t = local.toLocalTime();
    return days.contains(local.getDayOfWeek()) && !t.isBefore(start) && t.isBefore(end);
  }

  /** Whether a call at {@code instant} is allowed in {@code zone}. */
  public boolean allows(Instant instant, ZoneId zone) {
    return allows(instant.atZone(zone));
  }

  /**
   * The first instant at or after {@code from} at which a call is allowed in {@code zone}. Opening
   * times are computed on the local calendar, so daylight-saving changes move them correctly; an
   * opening time that falls in a spring-forward gap moves to the end of the gap.
   */
  public Instant nextOpening(Instant from, ZoneId zone) {
    ZonedDateTime local = from.atZone(zone);
    if (allows(local)) {
      return from;
    }
    LocalDate date = local.toLocalDate();
    for (int d = 0; d <= 7; d++) {
      LocalDate day = date.plusDays(d);
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      ZonedDateTime open = ZonedDateTime.of(day, start, zone);
      if (open.toInstant().isBefore(from)) {
        // In a fall-back overlap the start time occurs twice; the second occurrence may be ahead.
        open = open.withLaterOffsetAtOverlap();
      }
      if (!open.toInstant().isBefore(from) && allows(open)) {
        return open.toInstant();
      }
    }
    throw new IllegalStateException("no opening within a week: hours fall in a time-zone gap");
  }
}
