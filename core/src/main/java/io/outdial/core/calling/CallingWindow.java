package io.outdial.core.calling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When one recipient may be called: calling hours applied in each of the recipient's possible time
 * zones. A number that maps to several zones (a mobile number, an area code on a zone border) may
 * be called only at instants allowed in every one of them.
 *
 * @param hours the local calling hours
 * @param zones the recipient's possible zones, at least one
 */
public record CallingWindow(CallingHours hours, List<ZoneId> zones) {
  /** How far ahead {@link #nextAllowed} looks before concluding the zones never overlap. */
  static final Duration HORIZON = Duration.ofDays(15);

  public CallingWindow {
    Objects.requireNonNull(hours, "hours");
    zones = List.copyOf(zones);
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("zones must not be empty");
    }
  }

  public static CallingWindow of(CallingHours hours, ZoneId... zones) {
    return new CallingWindow(hours, List.of(zones));
  }

  /** Whether a call at {@code instant} is allowed in every zone. */
  public boolean isAllowed(Instant instant) {
    for (ZoneId zone : zones) {
      if (!hours.allows(instant, zone)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first instant at or after {@code from} allowed in every zone, or empty when the zones'
   * windows never overlap (e.g. 08:00-21:00 in zones twelve hours or more apart with short hours).
   */
  public Optional<Instant> nextAllowed(Instant from) {
    Instant limit = from.plus(HORIZON);
    Instant t = from;
    // Each zone's next opening is a lower bound for the answer; raising t to the greatest of them
    // until every zone agrees reaches the earliest common instant.
    while (!t.isAfter(limit)) {
      Instant latest = t;
      for (ZoneId zone : zones) {
        Instant open = hours.nextOpening(t, zone);
        if (open.isAfter(latest)) {
          latest = open;
        }
      }
      if (latest.equals(t)) {
        return Optional.of(t);
      }
      t = latest;
    }
    return Optional.empty();
  }
}
