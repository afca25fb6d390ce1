package io.outdial.core.calling;

import io.outdial.core.ValidationException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A campaign's own calling rules ({@code calling_rules} on the wire): its local calling hours and
 * days, overriding the server's ({@code outdial.dialer.calling-hours} and {@code -days}), and a
 * frequency cap per number across all of the client's campaigns. Each part left out is the server's
 * (for hours and days) or none (for the cap); see {@link #over(Optional)}.
 *
 * @param hours the daily hours, {@code start} inclusive to {@code end} exclusive, recipient's local
 *     time
 * @param days the days of the week calls are allowed, at least one
 * @param cap attempts per number per rolling day, over all of the client's campaigns
 */
public record CallingRules(
    Optional<Hours> hours, Optional<Set<DayOfWeek>> days, Optional<FrequencyCap> cap) {

  /** Every part from the server, and no cap. */
  public static final CallingRules SERVER =
      new CallingRules(Optional.empty(), Optional.empty(), Optional.empty());

  /** The end of the day, written {@code 24:00}. */
  public static final LocalTime END_OF_DAY = LocalTime.MAX;

  private static final String DAY_NAMES = "mon, tue, wed, thu, fri, sat, sun";

  /**
   * Daily calling hours, {@code start} inclusive to {@code end} exclusive; {@code end} may be
   * {@link #END_OF_DAY} ({@code 24:00}). Windows across midnight are not allowed.
   */
  public record Hours(LocalTime start, LocalTime end) {
    public Hours {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!start.isBefore(end)) {
        throw new ValidationException(
            "calling_rules.hours.end",
            "calling_rules.hours.end must be after calling_rules.hours.start (hours across"
                + " midnight are not allowed)");
      }
    }

    /** The whole day. */
    public static final Hours ALL_DAY = new Hours(LocalTime.MIDNIGHT, END_OF_DAY);

    /**
     * Parses {@code HH:MM} (00:00 to 23:59, or 24:00 for the end of the day) of {@code
     * calling_rules.hours.<field>}.
     */
    public static LocalTime parse(String field, String value) {
      String name = "calling_rules.hours." + field;
      if (value == null || value.isBlank()) {
        throw new ValidationException(name, name + " is required, as HH:MM");
      }
      String v = value.strip();
      if (v.equals("24:00")) {
        return END_OF_DAY;
      }
      if (!v.matches("\\d{2}:\\d{2}")) {
        throw new ValidationException(
            name, name + " must be a local time HH:MM from 00:00 to 24:00, got '" + v + "'");
      }
      int h = Integer.parseInt(v.substring(0, 2));
      int m = Integer.parseInt(v.substring(3));
      if (h > 23 || m > 59) {
        throw new ValidationException(
            name, name + " must be a local time HH:MM from 00:00 to 24:00, got '" + v + "'");
      }
      return LocalTime.of(h, m);
    }

    /** {@code HH:MM}, the end of the day as {@code 24:00}. */
    public static String format(LocalTime time) {
      if (time.equals(END_OF_DAY)) {
        return "24:00";
      }
      return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    /** Minutes since midnight, 0 to 1440 (the end of the day). */
    public static int minuteOfDay(LocalTime time) {
      return time.equals(END_OF_DAY) ? 1440 : time.getHour() * 60 + time.getMinute();
    }

    /** The time of {@link #minuteOfDay}. */
    public static LocalTime ofMinute(int minute) {
      return minute >= 1440 ? END_OF_DAY : LocalTime.of(minute / 60, minute % 60);
    }
  }

  public CallingRules {
    Objects.requireNonNull(hours, "hours");
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(cap, "cap");
    days.ifPresent(
        d -> {
          if (d.isEmpty()) {
            throw new ValidationException(
                "calling_rules.days", "calling_rules.days must name at least one day");
          }
        });
    days = days.map(d -> Set.copyOf(EnumSet.copyOf(d)));
  }

  /** Parses a day of {@code calling_rules.days}: {@code mon} to {@code sun}, any case. */
  public static DayOfWeek day(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (wireName(d).equals(v)) {
        return d;
      }
    }
    throw new ValidationException(
        "calling_rules.days", "calling_rules.days may hold only " + DAY_NAMES);
  }

  /** {@code mon} to {@code sun}. */
  public static String wireName(DayOfWeek day) {
    return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
  }

  /** The days' wire names in week order, Monday first. */
  public static List<String> wireNames(Set<DayOfWeek> days) {
    return Arrays.stream(DayOfWeek.values())
        .filter(days::contains)
        .map(CallingRules::wireName)
        .toList();
  }

  /** The days as a column value, e.g. {@code mon,tue}. */
  public static String column(Set<DayOfWeek> days) {
    return String.join(",", wireNames(days));
  }

  /** The days of a column value written by {@link #column}. */
  public static Set<DayOfWeek> days(String column) {
    return Arrays.stream(column.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(CallingRules::day)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
  }

  /**
   * The calling hours the dialer follows for this campaign: its own hours and days over the
   * server's {@code server} (empty when the server calls at any time). With neither hours nor days
   * of its own it is the server's; a part it leaves out is the server's part, or the whole day /
   * every day when the server calls at any time.
   */
  public Optional<CallingHours> over(Optional<CallingHours> server) {
    Objects.requireNonNull(server, "server");
    if (hours.isEmpty() && days.isEmpty()) {
      return server;
    }
    Hours h =
        hours.orElseGet(() -> server.map(s -> new Hours(s.start(), s.end())).orElse(Hours.ALL_DAY));
    Set<DayOfWeek> d =
        days.orElseGet(() -> server.map(CallingHours::days).orElse(EnumSet.allOf(DayOfWeek.class)));
    return Optional.of(new CallingHours(d, h.start(), h.end()));
  }
}
