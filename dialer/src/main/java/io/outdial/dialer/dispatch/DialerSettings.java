package io.outdial.dialer.dispatch;

import io.outdial.core.calling.CallingHours;
import io.outdial.core.retry.Backoff;
import io.outdial.core.retry.RetryPolicy;
import io.outdial.dialer.call.CallLimits;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The dispatcher's settings, read once at start from MicroProfile Config (keys below, each also an
 * environment variable: {@code outdial.dialer.capacity} is {@code OUTDIAL_DIALER_CAPACITY}).
 *
 * @param enabled whether this server dials at all ({@code outdial.dialer.enabled})
 * @param capacity the most calls this server holds at once, its lines ({@code
 *     outdial.dialer.capacity})
 * @param callingHours recipients' local calling hours, or empty for no restriction ({@code
 *     outdial.dialer.calling-hours}: {@code 08:00-21:00} or {@code always}; {@code
 *     outdial.dialer.calling-days}: e.g. {@code MON-FRI} or {@code MON,WED})
 * @param fallbackZone the zone of numbers whose zone is unknown ({@code
 *     outdial.dialer.default-zone})
 * @param retry when to call a contact again ({@code outdial.dialer.retry.max-attempts}, {@code
 *     outdial.dialer.retry.delay-seconds})
 * @param limits ring timeout and longest call ({@code outdial.dialer.ring-timeout-seconds}, {@code
 *     outdial.dialer.max-call-seconds})
 * @param lease how long a silent server keeps its calls ({@code outdial.dialer.lease-seconds})
 * @param refresh how often the dispatcher rereads campaigns it was not told about ({@code
 *     outdial.dialer.refresh-ms})
 * @param provider the telephony provider's name ({@code outdial.telephony.provider})
 */
public record DialerSettings(
    boolean enabled,
    int capacity,
    Optional<CallingHours> callingHours,
    ZoneId fallbackZone,
    RetryPolicy retry,
    CallLimits limits,
    Duration lease,
    Duration refresh,
    String provider) {

  /** The most contacts probed per campaign when counting due contacts. */
  public static final int DUE_PROBE = 1_000;

  /** Reads every setting through {@code setting} (a MicroProfile Config look-up). */
  public static DialerSettings from(Function<String, Optional<String>> setting) {
    int attempts = integer(setting, "outdial.dialer.retry.max-attempts", 3, 1, 20);
    double delay = number(setting, "outdial.dialer.retry.delay-seconds", 300, 0, 86_400);
    Duration first = Duration.ofMillis(Math.round(delay * 1000));
    Duration longest = first.compareTo(Duration.ofHours(2)) > 0 ? first : Duration.ofHours(2);
    RetryPolicy retry =
        new RetryPolicy(
            attempts,
            RetryPolicy.DEFAULT.retryable(),
            new Backoff.Exponential(first, 2.0, longest, 0.2),
            first.compareTo(Duration.ofMinutes(1)) < 0 ? first : Duration.ofMinutes(1));
    return new DialerSettings(
        bool(setting, "outdial.dialer.enabled", true),
        integer(setting, "outdial.dialer.capacity", 100, 1, 100_000),
        callingHours(setting),
        zone(setting),
        retry,
        new CallLimits(
            seconds(setting, "outdial.dialer.ring-timeout-seconds", 30, 1, 600),
            seconds(setting, "outdial.dialer.max-call-seconds", 300, 1, 7_200)),
        seconds(setting, "outdial.dialer.lease-seconds", 15, 1, 3_600),
        Duration.ofMillis(integer(setting, "outdial.dialer.refresh-ms", 500, 10, 60_000)),
        setting.apply("outdial.telephony.provider").map(String::strip).orElse("simulator"));
  }

  /** The longest a call can be open: a call older than this is closed as stale by any server. */
  public Duration maxCallAge() {
    return limits.ringTimeout().plus(limits.maxDuration()).plus(Duration.ofMinutes(1));
  }

  private static Optional<CallingHours> callingHours(Function<String, Optional<String>> setting) {
    String key = "outdial.dialer.calling-hours";
    String hours = setting.apply(key).map(String::strip).orElse("08:00-21:00");
    if (hours.equalsIgnoreCase("always")) {
      return Optional.empty();
    }
    String[] parts = hours.split("-");
    if (parts.length != 2) {
      throw invalid(key, hours, "HH:MM-HH:MM or always");
    }
    LocalTime start;
    LocalTime end;
    try {
      start = LocalTime.parse(parts[0].strip());
      end = LocalTime.parse(parts[1].strip());
    } catch (DateTimeParseException e) {
      throw invalid(key, hours, "HH:MM-HH:MM or always");
    }
    if (!end.isAfter(start)) {
      throw invalid(key, hours, "an end after the start (windows across midnight are not allowed)");
    }
    return Optional.of(new CallingHours(days(setting), start, end));
  }

  private static Set<DayOfWeek> days(Function<String, Optional<String>> setting) {
    String key = "outdial.dialer.calling-days";
    String value = setting.apply(key).map(String::strip).orElse("MON-SUN");
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    try {
      for (String part : value.split(",")) {
        String[] range = part.strip().split("-");
        DayOfWeek from = day(range[0]);
        DayOfWeek to = range.length == 2 ? day(range[1]) : from;
        for (DayOfWeek d = from; ; d = d.plus(1)) {
          days.add(d);
          if (d == to) {
            break;
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw invalid(key, value, "days like MON-FRI or MON,WED,FRI");
    }
    return days;
  }

  private static DayOfWeek day(String abbreviation) {
    String wanted = abbreviation.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (wanted.length() >= 3 && d.name().startsWith(wanted)) {
        return d;
      }
    }
    throw new IllegalArgumentException(abbreviation);
  }

  private static ZoneId zone(Function<String, Optional<String>> setting) {
    String key = "outdial.dialer.default-zone";
    String value = setting.apply(key).map(String::strip).orElse("UTC");
    try {
      return ZoneId.of(value);
    } catch (RuntimeException e) {
      throw invalid(key, value, "a time zone such as America/New_York");
    }
  }

  private static boolean bool(Function<String, Optional<String>> setting, String key, boolean d) {
    String value = setting.apply(key).map(String::strip).orElse(Boolean.toString(d));
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw invalid(key, value, "true or false");
  }

  private static int integer(
      Function<String, Optional<String>> setting, String key, int d, int min, int max) {
    return (int) number(setting, key, d, min, max, true);
  }

  private static double number(
      Function<String, Optional<String>> setting, String key, double d, double min, double max) {
    return number(setting, key, d, min, max, false);
  }

  private static double number(
      Function<String, Optional<String>> setting,
      String key,
      double d,
      double min,
      double max,
      boolean whole) {
    Optional<String> value = setting.apply(key).map(String::strip).filter(s -> !s.isEmpty());
    if (value.isEmpty()) {
      return d;
    }
    double parsed;
    try {
      parsed = whole ? Long.parseLong(value.get()) : Double.parseDouble(value.get());
    } catch (NumberFormatException e) {
      throw invalid(
          key, value.get(), (whole ? "an integer" : "a number") + " from " + min + " to " + max);
    }
    if (!(parsed >= min && parsed <= max)) {
      throw invalid(
          key, value.get(), (whole ? "an integer" : "a number") + " from " + min + " to " + max);
    }
    return parsed;
  }

  private static Duration seconds(
      Function<String, Optional<String>> setting, String key, int d, int min, int max) {
    return Duration.ofMillis(Math.round(number(setting, key, d, min, max) * 1000));
  }

  private static IllegalArgumentException invalid(String key, String value, String expected) {
    return new IllegalArgumentException(key + " must be " + expected + ", got '" + value + "'");
  }
}
