package io.outdial.core.retry;

import io.outdial.core.ValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** How long to wait before a retry. */
public sealed interface Backoff {
  /**
   * The delay before retry number {@code retry} (1 for the first retry).
   *
   * @param random source of jitter, injected so tests are repeatable
   */
  Duration delayBefore(int retry, RandomGenerator random);

  /** The same delay before every retry. */
  record Fixed(Duration delay) implements Backoff {
    public Fixed {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new ValidationException("retry_delay", "retry_delay must not be negative");
      }
    }

    @Override
    public Duration delayBefore(int retry, RandomGenerator random) {
      return delay;
    }
  }

  /**
   * {@code initial × multiplier^(retry-1)}, capped at {@code max}, then spread by ±{@code jitter}
   * (a fraction from 0 to 1) so that retries of a large batch do not all land at once.
   */
  record Exponential(Duration initial, double multiplier, Duration max, double jitter)
      implements Backoff {
    public Exponential {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw new ValidationException(
            "retry_delay", "retry_delay must not be negative nor above the maximum delay");
      }
      if (!(multiplier >= 1.0 && multiplier <= 100.0)) {
        throw new ValidationException(
            "backoff_multiplier", "backoff_multiplier must be between 1 and 100");
      }
      if (!(jitter >= 0.0 && jitter <= 1.0)) {
        throw new ValidationException("jitter", "jitter must be between 0 and 1");
      }
    }

    @Override
    public Duration delayBefore(int retry, RandomGenerator random) {
      double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
      double capped = Math.min(base, max.toMillis());
      double spread = jitter == 0.0 ? 1.0 : 1.0 + jitter * (2.0 * random.nextDouble() - 1.0);
      return Duration.ofMillis(Math.round(capped * spread));
    }
  }
}
