package io.outdial.core.settings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of Outdial's settings:
 *
 * <ul>
 *   <li>an amount and a unit: {@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h} (units {@code ms},
 *       {@code s}, {@code m}, {@code h}, any case; a space between amount and unit is allowed);
 *   <li>a decimal amount: {@code 1.5s}, {@code 0.25h} (rounded to the nanosecond);
 *   <li>a bare number, {@code 30}, in the unit the setting documents (the unit its name ends with:
 *       {@code ring-timeout-seconds=30} is 30 s, {@code jitter-ms=60} is 60 ms), so that values
 *       written before the units existed keep their meaning; settings without such a unit (a retry
 *       schedule) require one;
 *   <li>ISO-8601, {@code PT15S}, {@code PT0.25S}, {@code P1DT2H}.
 * </ul>
 *
 * Negative durations are not durations here.
 */
public final class Durations {
  /** What every error message says a duration looks like. */
  public static final String SYNTAX = "a duration such as 250ms, 15s, 2m, 1h or PT15S";

  private static final Pattern AMOUNT_AND_UNIT =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Reads {@code text} in the syntax above.
   *
   * @param bareUnit the unit of a bare number; empty when a bare number is not allowed
   * @throws IllegalArgumentException when {@code text} is not a duration (the message says why, but
   *     names no setting: callers add that)
   */
  public static Duration parse(String text, Optional<ChronoUnit> bareUnit) {
    String t = text.strip();
    if (!t.isEmpty() && (t.charAt(0) == 'P' || t.charAt(0) == 'p')) {
      Duration iso;
      try {
        iso = Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration");
      }
      if (iso.isNegative()) {
        throw new IllegalArgumentException("negative");
      }
      return iso;
    }
    Matcher m = AMOUNT_AND_UNIT.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("not " + SYNTAX);
    }
    ChronoUnit unit;
    if (m.group(2) == null) {
      unit =
          bareUnit.orElseThrow(() -> new IllegalArgumentException("needs a unit: ms, s, m or h"));
    } else {
      unit =
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
          };
    }
    BigDecimal nanos =
        new BigDecimal(m.group(1))
            .multiply(BigDecimal.valueOf(unit.getDuration().toNanos()))
            .setScale(0, RoundingMode.HALF_UP);
    try {
      BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
      return Duration.ofSeconds(
          secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("too long");
    }
  }

  /**
   * {@code duration} in the syntax above, as short as it can be said exactly: {@code 15s}, {@code
   * 250ms}, {@code 2m}, {@code 1h}; ISO-8601 for what no whole number of one unit says.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return duration.toString();
    }
    long seconds = duration.getSeconds();
    if (duration.getNano() == 0) {
      if (seconds != 0 && seconds % 3600 == 0) {
        return seconds / 3600 + "h";
      }
      if (seconds != 0 && seconds % 60 == 0) {
        return seconds / 60 + "m";
      }
      return seconds + "s";
    }
    if (duration.getNano() % 1_000_000 == 0 && seconds < Long.MAX_VALUE / 1000) {
      return duration.toMillis() + "ms";
    }
    return duration.toString();
  }
}
