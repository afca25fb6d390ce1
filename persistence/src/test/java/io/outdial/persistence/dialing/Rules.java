package io.outdial.persistence.dialing;

import io.outdial.core.calling.CallingHours;
import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.DialRules;
import io.outdial.core.retry.Backoff;
import io.outdial.core.retry.RetryPolicy;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;

/**
 * Dial rules for the contract tests: numbers the time-zone data cannot place are in UTC, retries
 * come {@link #RETRY_DELAY} after the end of a no-answer, busy, time-out or lost call, and a fixed
 * random source makes every retry time repeatable.
 */
final class Rules {
  static final Duration RETRY_DELAY = Duration.ofMinutes(10);

  private Rules() {}

  /** Any time of day; three attempts in all. */
  static DialRules anyTime() {
    return attempts(3);
  }

  /** Any time of day; {@code max} attempts in all. */
  static DialRules attempts(int max) {
    return rules(Optional.empty(), max);
  }

  /** Only within {@code hours}; three attempts in all. */
  static DialRules within(CallingHours hours) {
    return rules(Optional.of(hours), 3);
  }

  private static DialRules rules(Optional<CallingHours> hours, int attempts) {
    return new DialRules(
        hours,
        new RecipientTimeZones(ZoneOffset.UTC),
        new RetryPolicy(
            attempts,
            EnumSet.of(Disposition.NO_ANSWER, Disposition.BUSY, Disposition.TIMEOUT),
            new Backoff.Fixed(RETRY_DELAY),
            Duration.ofMinutes(1)),
        () -> new Random(1));
  }
}
