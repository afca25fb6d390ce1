package io.outdial.core.webhook;

import io.outdial.core.ValidationException;
import io.outdial.core.settings.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: after each failed attempt the next delay of the schedule,
 * jittered by up to a fifth either way so that an endpoint coming back is not hit by every delivery
 * at once; after the last one the delivery has failed.
 *
 * @param delays the delay before the second, third, ... attempt
 */
public record RetrySchedule(List<Duration> delays) {
  /**
   * The schedule of the Standard Webhooks specification: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h,
   * 20 h, 24 h — ten attempts over about three and a half days.
   */
  public static final RetrySchedule STANDARD =
      new RetrySchedule(
          List.of(
              Duration.ofSeconds(5),
              Duration.ofMinutes(5),
              Duration.ofMinutes(30),
              Duration.ofHours(2),
              Duration.ofHours(5),
              Duration.ofHours(10),
              Duration.ofHours(14),
              Duration.ofHours(20),
              Duration.ofHours(24)));

  private static final double JITTER = 0.2;

  public RetrySchedule {
    delays = List.copyOf(delays);
    if (delays.isEmpty() || delays.size() > 50) {
      throw new ValidationException("retry_schedule", "a retry schedule has 1 to 50 delays");
    }
    for (Duration d : delays) {
      if (d.isNegative() || d.isZero()) {
        throw new ValidationException("retry_schedule", "retry delays are positive");
      }
    }
  }

  /**
   * Reads {@code 5s, 5m, 30m, 2h}: durations in the settings' one syntax ({@link Durations}: units
   * {@code ms}, {@code s}, {@code m}, {@code h}, decimals allowed, or ISO-8601), each with its
   * unit.
   */
  public static RetrySchedule parse(String text) {
    List<Duration> delays = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      delays.add(parseDuration(p));
    }
    return new RetrySchedule(delays);
  }

  private static Duration parseDuration(String p) {
    try {
      return Durations.parse(p, Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "retry_schedule", "'" + p + "' is not a duration such as 250ms, 5s, 5m or 2h");
    }
  }

  /** How many attempts a delivery gets in all. */
  public int attempts() {
    return delays.size() + 1;
  }

  /**
   * The delay before the next attempt after {@code attemptsMade} failed ones, or empty when the
   * delivery has had all of its attempts.
   */
  public Optional<Duration> next(int attemptsMade, RandomGenerator random) {
    if (attemptsMade < 1 || attemptsMade > delays.size()) {
      return Optional.empty();
    }
    Duration base = delays.get(attemptsMade - 1);
    double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
    return Optional.of(Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor))));
  }
}
