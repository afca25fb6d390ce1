package io.outdial.core.retry;

import io.outdial.core.ValidationException;
import io.outdial.core.calling.CallingWindow;
import io.outdial.core.contact.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When to call a contact again after an unsuccessful attempt.
 *
 * @param maxAttempts attempts in all, the first included (1 means never retry), 1 to 20
 * @param retryable the outcomes worth another attempt
 * @param backoff the wait before each retry
 * @param minDelay the least wait, whatever the backoff and its jitter say
 */
public record RetryPolicy(
    int maxAttempts, Set<Disposition> retryable, Backoff backoff, Duration minDelay) {
  public static final int MAX_ATTEMPTS_LIMIT = 20;

  /**
   * 3 attempts; retry on no answer, busy and timeout; 5 minutes, doubling up to 2 hours, ±20%
   * jitter; at least 1 minute.
   */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          3,
          EnumSet.of(Disposition.NO_ANSWER, Disposition.BUSY, Disposition.TIMEOUT),
          new Backoff.Exponential(Duration.ofMinutes(5), 2.0, Duration.ofHours(2), 0.2),
          Duration.ofMinutes(1));

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new ValidationException(
          "max_attempts", "max_attempts must be between 1 and " + MAX_ATTEMPTS_LIMIT);
    }
    Objects.requireNonNull(retryable, "retryable");
    retryable = Set.copyOf(retryable);
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(minDelay, "minDelay");
    if (minDelay.isNegative()) {
      throw new ValidationException("min_delay", "min_delay must not be negative");
    }
  }

  /** A copy with another number of attempts. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, retryable, backoff, minDelay);
  }

  /** A copy retrying on other outcomes. */
  public RetryPolicy withRetryable(Set<Disposition> outcomes) {
    return new RetryPolicy(maxAttempts, outcomes, backoff, minDelay);
  }

  /** A copy with another backoff. */
  public RetryPolicy withBackoff(Backoff newBackoff) {
    return new RetryPolicy(maxAttempts, retryable, newBackoff, minDelay);
  }

  /**
   * Decides after attempt number {@code attemptsMade} ended with {@code outcome} at {@code
   * endedAt}. The retry time is the backoff (at least {@code minDelay}) after the end, moved
   * forward to the next instant the recipient's calling window allows.
   */
  public RetryDecision next(
      int attemptsMade,
      Disposition outcome,
      Instant endedAt,
      CallingWindow window,
      RandomGenerator random) {
    Objects.requireNonNull(outcome, "outcome");
    if (attemptsMade < 1) {
      throw new IllegalArgumentException("attemptsMade must be at least 1");
    }
    if (!retryable.contains(outcome)) {
      return new RetryDecision.GiveUp(RetryDecision.Reason.NOT_RETRYABLE);
    }
    if (attemptsMade >= maxAttempts) {
      return new RetryDecision.GiveUp(RetryDecision.Reason.ATTEMPTS_EXHAUSTED);
    }
    Duration delay = backoff.delayBefore(attemptsMade, random);
    if (delay.compareTo(minDelay) < 0) {
      delay = minDelay;
    }
    Optional<Instant> at = window.nextAllowed(endedAt.plus(delay));
    if (at.isEmpty()) {
      return new RetryDecision.GiveUp(RetryDecision.Reason.NO_CALLING_WINDOW);
    }
    return new RetryDecision.RetryAt(at.get(), attemptsMade + 1);
  }
}
