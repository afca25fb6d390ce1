package io.outdial.dialer.dispatch;

import io.outdial.core.calling.CallingHours;
import io.outdial.core.retry.Backoff;
import io.outdial.core.retry.RetryPolicy;
import io.outdial.core.settings.Settings;
import io.outdial.core.transfer.TransferAcceptance;
import io.outdial.dialer.call.CallLimits;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The dispatcher's settings, read once at start from MicroProfile Config (keys below, each also an
 * environment variable: {@code outdial.dialer.capacity} is {@code OUTDIAL_DIALER_CAPACITY}) through
 * the settings reader of {@code core} ({@link Settings}). The durations ({@code -seconds}, {@code
 * -ms}) take its one syntax ({@code 30s}, {@code 2m}, {@code PT30S}), a bare number being in the
 * unit the name ends with.
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
 * @param limits ring timeout, longest call and how long an agent that lets the callee speak first
 *     waits ({@code outdial.dialer.ring-timeout-seconds}, {@code outdial.dialer.max-call-seconds},
 *     {@code outdial.dialer.opening-wait-ms})
 * @param lease how long a silent server keeps its calls ({@code outdial.dialer.lease-seconds})
 * @param refresh how often the dispatcher rereads campaigns it was not told about ({@code
 *     outdial.dialer.refresh-ms})
 * @param provider the telephony provider's name ({@code outdial.telephony.provider})
 * @param acceptance how a human accepts a warm transfer ({@code outdial.transfer.accept-key}: none
 *     by default, answering accepts, or the key to press after the whisper; {@code
 *     outdial.transfer.accept-seconds}: how long it is waited for)
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
    String provider,
    TransferAcceptance acceptance) {

  /** The most contacts probed per campaign when counting due contacts. */
  public static final int DUE_PROBE = 1_000;

  /** Reads every setting through {@code setting} (a MicroProfile Config look-up). */
  public static DialerSettings from(Function<String, Optional<String>> setting) {
    Settings in = Settings.from(setting, "");
    int attempts = in.integer("outdial.dialer.retry.max-attempts", 3, 1, 20);
    Duration first =
        seconds(in, "outdial.dialer.retry.delay-seconds", 300, Duration.ZERO, Duration.ofDays(1));
    Duration longest = first.compareTo(Duration.ofHours(2)) > 0 ? first : Duration.ofHours(2);
    RetryPolicy retry =
        new RetryPolicy(
            attempts,
            RetryPolicy.DEFAULT.retryable(),
            new Backoff.Exponential(first, 2.0, longest, 0.2),
            first.compareTo(Duration.ofMinutes(1)) < 0 ? first : Duration.ofMinutes(1));
    Duration second = Duration.ofSeconds(1);
    return new DialerSettings(
        in.bool("outdial.dialer.enabled", true),
        in.integer("outdial.dialer.capacity", 100, 1, 100_000),
        callingHours(in),
        zone(in),
        retry,
        new CallLimits(
            seconds(in, "outdial.dialer.ring-timeout-seconds", 30, second, Duration.ofMinutes(10)),
            seconds(in, "outdial.dialer.max-call-seconds", 300, second, Duration.ofHours(2)),
            in.duration(
                "outdial.dialer.opening-wait-ms",
                Duration.ofSeconds(3),
                ChronoUnit.MILLIS,
                Duration.ofMillis(100),
                Duration.ofMinutes(1))),
        seconds(in, "outdial.dialer.lease-seconds", 15, second, Duration.ofHours(1)),
        in.duration(
            "outdial.dialer.refresh-ms",
            Duration.ofMillis(500),
            ChronoUnit.MILLIS,
            Duration.ofMillis(10),
            Duration.ofMinutes(1)),
        in.string("outdial.telephony.provider", "simulator"),
        acceptance(in));
  }

  private static TransferAcceptance acceptance(Settings in) {
    String key = "outdial.transfer.accept-key";
    String pressed = in.string(key, "").strip();
    Duration within =
        seconds(
            in,
            "outdial.transfer.accept-seconds",
            10,
            Duration.ofSeconds(1),
            Duration.ofMinutes(2));
    if (pressed.isEmpty() || pressed.equalsIgnoreCase("none")) {
      return new TransferAcceptance(Optional.empty(), within);
    }
    if (pressed.length() != 1 || !TransferAcceptance.isKey(pressed.charAt(0))) {
      throw in.invalid(key, pressed, "one phone key (0-9, * or #), or none");
    }
    return new TransferAcceptance(Optional.of(pressed.charAt(0)), within);
  }

  /** The longest a call can be open: a call older than this is closed as stale by any server. */
  public Duration maxCallAge() {
    return limits.ringTimeout().plus(limits.maxDuration()).plus(Duration.ofMinutes(1));
  }

  private static Optional<CallingHours> callingHours(Settings in) {
    String key = "outdial.dialer.calling-hours";
    String hours = in.string(key, "08:00-21:00");
    if (hours.equalsIgnoreCase("always")) {
      return Optional.empty();
    }
    String[] parts = hours.split("-");
    if (parts.length != 2) {
      throw in.invalid(key, hours, "HH:MM-HH:MM or always");
    }
    LocalTime start;
    LocalTime end;
    try {
      start = LocalTime.parse(parts[0].strip());
      end = LocalTime.parse(parts[1].strip());
    } catch (DateTimeParseException e) {
      throw in.invalid(key, hours, "HH:MM-HH:MM or always");
    }
    if (!end.isAfter(start)) {
      throw in.invalid(
          key, hours, "an end after the start (windows across midnight are not allowed)");
    }
    return Optional.of(new CallingHours(days(in), start, end));
  }

  private static Set<DayOfWeek> days(Settings in) {
    String key = "outdial.dialer.calling-days";
    String value = in.string(key, "MON-SUN");
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
      throw in.invalid(key, value, "days like MON-FRI or MON,WED,FRI");
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

  private static ZoneId zone(Settings in) {
    String key = "outdial.dialer.default-zone";
    String value = in.string(key, "UTC");
    try {
      return ZoneId.of(value);
    } catch (RuntimeException e) {
      throw in.invalid(key, value, "a time zone such as America/New_York");
    }
  }

  /** A duration setting whose name ends in {@code -seconds}: a bare number is seconds. */
  private static Duration seconds(
      Settings in, String key, int fallback, Duration min, Duration max) {
    return in.duration(key, Duration.ofSeconds(fallback), ChronoUnit.SECONDS, min, max);
  }
}
