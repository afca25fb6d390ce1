package io.outdial.core.dialing;

import io.outdial.core.calling.CallingHours;
import io.outdial.core.calling.CallingRules;
import io.outdial.core.calling.CallingWindow;
import io.outdial.core.calling.FrequencyCap;
import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.retry.RetryDecision;
import io.outdial.core.retry.RetryPolicy;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * When a number may be called: calling hours in the recipient's time zones, the frequency cap per
 * number (a campaign's own, if any) and the retry policy, as a claim and an outcome apply them.
 * Thread-safe when its random source is.
 */
public final class DialRules {
  /** The whole day, every day: used when calling hours are switched off. */
  private static final CallingHours ALWAYS =
      new CallingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MAX);

  private final Optional<CallingHours> hours;
  private final RecipientTimeZones zones;
  private final RetryPolicy retry;
  private final RetryPolicy lostRetry;
  private final Supplier<RandomGenerator> random;
  private final Optional<FrequencyCap> cap;

  /**
   * @param hours recipients' calling hours; empty for any time
   * @param random the jitter source of retry times (a fixed one makes them repeatable)
   */
  public DialRules(
      Optional<CallingHours> hours,
      RecipientTimeZones zones,
      RetryPolicy retry,
      Supplier<RandomGenerator> random) {
    this(hours, zones, retry, random, Optional.empty());
  }

  private DialRules(
      Optional<CallingHours> hours,
      RecipientTimeZones zones,
      RetryPolicy retry,
      Supplier<RandomGenerator> random,
      Optional<FrequencyCap> cap) {
    this.cap = Objects.requireNonNull(cap, "cap");
    this.hours = Objects.requireNonNull(hours, "hours");
    this.zones = Objects.requireNonNull(zones, "zones");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.random = Objects.requireNonNull(random, "random");
    Set<Disposition> retryable = EnumSet.of(Disposition.FAILED);
    retryable.addAll(retry.retryable());
    this.lostRetry = retry.withRetryable(retryable);
  }

  /** The retry policy these rules follow. */
  public RetryPolicy retryPolicy() {
    return retry;
  }

  /**
   * These rules for a campaign with its own retry policy: the same calling hours, zones and jitter,
   * with {@code own} over this retry policy ({@link CampaignRetry#over}). Retries still land inside
   * the recipient's calling hours.
   */
  public DialRules forCampaign(CampaignRetry own) {
    return forCampaign(own, CallingRules.SERVER);
  }

  /**
   * These rules for a campaign with its own retry policy and calling rules: its hours and days over
   * these ({@link CallingRules#over}), its frequency cap (none when it has none), its retry policy
   * over this one. Same zones and jitter; retries land inside the campaign's hours.
   */
  public DialRules forCampaign(CampaignRetry own, CallingRules calling) {
    Objects.requireNonNull(own, "own");
    Objects.requireNonNull(calling, "calling");
    if (own.equals(CampaignRetry.SERVER) && calling.equals(CallingRules.SERVER)) {
      return this;
    }
    return new DialRules(calling.over(hours), zones, own.over(retry), random, calling.cap());
  }

  /** The calling hours these rules follow; empty for any time. */
  public Optional<CallingHours> callingHours() {
    return hours;
  }

  /** The frequency cap per number these rules hold to, if any. */
  public Optional<FrequencyCap> cap() {
    return cap;
  }

  /**
   * When {@code phone} may be called, at or after {@code now}, given the start times of its
   * attempts by any of the client's campaigns ({@code attempts}; only those within the cap's window
   * count): once the frequency cap allows one more attempt, at the first opening of the calling
   * hours from then on; empty when the hours never open. Without a cap this is {@link
   * #nextAllowed(PhoneNumber, Instant)}.
   */
  public Optional<Instant> nextAllowed(
      PhoneNumber phone, Instant now, Collection<Instant> attempts) {
    Instant from = cap.map(c -> c.allowedFrom(attempts, now)).orElse(now);
    return nextAllowed(phone, from);
  }

  /**
   * When {@code phone} may be called, at or after {@code now}: {@code now} itself when its calling
   * hours allow it, a later instant when they open later, empty when they never open.
   */
  public Optional<Instant> nextAllowed(PhoneNumber phone, Instant now) {
    if (hours.isEmpty()) {
      return Optional.of(now);
    }
    return window(phone).nextAllowed(now);
  }

  /**
   * When to call again after attempt {@code attemptsMade} ended with {@code outcome} at {@code
   * endedAt}; empty when the contact is final.
   */
  public Optional<Instant> retryAt(
      PhoneNumber phone, int attemptsMade, Disposition outcome, Instant endedAt) {
    return at(retry.next(attemptsMade, outcome, endedAt, window(phone), random.get()));
  }

  /**
   * When to call again after attempt {@code attemptsMade} was cut off by the dialer itself (its
   * server died, or the call outlived any call): retried like a retryable outcome, since the callee
   * did nothing wrong, within the policy's attempts.
   */
  public Optional<Instant> retryLostAt(PhoneNumber phone, int attemptsMade, Instant endedAt) {
    return at(
        lostRetry.next(attemptsMade, Disposition.FAILED, endedAt, window(phone), random.get()));
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
}
