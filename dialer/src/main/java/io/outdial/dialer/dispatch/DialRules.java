package io.outdial.dialer.dispatch;

import io.outdial.core.calling.CallingHours;
import io.outdial.core.calling.CallingWindow;
import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.retry.RetryDecision;
import io.outdial.core.retry.RetryPolicy;
import io.outdial.persistence.dialing.DialTimes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calling hours in the recipient's time zones and the retry policy, as the work queue applies them
 * inside its claims. Thread-safe.
 */
final class DialRules implements DialTimes {
  /** The whole day, every day: used when calling hours are switched off. */
  private static final CallingHours ALWAYS =
      new CallingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MAX);

  private final Optional<CallingHours> hours;
  private final RecipientTimeZones zones;
  private final RetryPolicy retry;
  private final RetryPolicy lostRetry;

  DialRules(Optional<CallingHours> hours, RecipientTimeZones zones, RetryPolicy retry) {
    this.hours = hours;
    this.zones = zones;
    this.retry = retry;
    Set<Disposition> retryable = EnumSet.of(Disposition.FAILED);
    retryable.addAll(retry.retryable());
    this.lostRetry = retry.withRetryable(retryable);
  }

  @Override
  public Optional<Instant> nextAllowed(PhoneNumber phone, Instant now) {
    if (hours.isEmpty()) {
      return Optional.of(now);
    }
    return window(phone).nextAllowed(now);
  }

  @Override
  public Optional<Instant> retryAt(
      PhoneNumber phone, int attemptsMade, Disposition outcome, Instant endedAt) {
    return at(retry.next(attemptsMade, outcome, endedAt, window(phone), random()));
  }

  @Override
  public Optional<Instant> retryLostAt(PhoneNumber phone, int attemptsMade, Instant endedAt) {
    return at(lostRetry.next(attemptsMade, Disposition.FAILED, endedAt, window(phone), random()));
  }

  private CallingWindow window(PhoneNumber phone) {
    return hours.isPresent()
        ? zones.windowFor(phone, hours.get())
        : CallingWindow.of(ALWAYS, zones.fallback());
  }

  private static Optional<Instant> at(RetryDecision decision) {
    return decision instanceof RetryDecision.RetryAt retryAt
        ? Optional.of(retryAt.at())
        : Optional.empty();
  }

  private static ThreadLocalRandom random() {
    return ThreadLocalRandom.current();
  }
}
