package io.outdial.dialer.sms;

import io.outdial.core.calling.CallingHours;
import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.dialer.messaging.MessagingProvider;
import io.outdial.dialer.messaging.OutboundSms;
import io.outdial.dialer.messaging.SendResult;
import io.outdial.persistence.sms.ClaimedSms;
import io.outdial.persistence.sms.SmsMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One pass of the SMS sender, without threads or CDI: claims due messages and settles each one.
 *
 * <ul>
 *   <li>a number on the client's do-not-call list now is {@code refused}, never sent;
 *   <li>outside the recipient's calling hours (its campaign's own, else the server's {@code
 *       outdial.dialer.calling-hours}, in every zone the number may be in) it waits, queued, until
 *       they open; this wait is no attempt;
 *   <li>otherwise it goes to the provider: accepted is {@code sent}, rejected is {@code failed}, an
 *       unavailable carrier (or a provider that throws) is tried again after {@code retryDelay}
 *       times the attempts so far, and {@code failed} after {@code maxAttempts}.
 * </ul>
 *
 * A message claimed by a sender that dies is taken over by another after {@code lease}.
 */
public final class SmsDispatch {
  private static final System.Logger LOG = System.getLogger(SmsDispatch.class.getName());

  private final SmsMessages store;
  private final MessagingProvider provider;
  private final Clock clock;
  private final Optional<CallingHours> serverHours;
  private final RecipientTimeZones zones;
  private final int maxAttempts;
  private final Duration retryDelay;
  private final Duration lease;

  public SmsDispatch(
      SmsMessages store,
      MessagingProvider provider,
      Clock clock,
      Optional<CallingHours> serverHours,
      RecipientTimeZones zones,
      int maxAttempts,
      Duration retryDelay,
      Duration lease) {
    this.store = Objects.requireNonNull(store, "store");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.serverHours = Objects.requireNonNull(serverHours, "serverHours");
    this.zones = Objects.requireNonNull(zones, "zones");
    this.maxAttempts = maxAttempts;
    this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
    this.lease = Objects.requireNonNull(lease, "lease");
  }

  /**
   * Claims up to {@code max} due messages and settles them.
   *
   * @return how many were claimed
   */
  public int sendDue(int max) {
    List<ClaimedSms> claimed = store.claim(max, clock.instant(), lease);
    for (ClaimedSms sms : claimed) {
      try {
        settle(sms);
      } catch (RuntimeException e) {
        // stays claimed: another pass takes it over after the lease
        LOG.log(System.Logger.Level.WARNING, "Could not settle text message " + sms.id(), e);
      }
    }
    return claimed.size();
  }

  private void settle(ClaimedSms sms) {
    Instant now = clock.instant();
    if (sms.onDoNotCall()) {
      store.refused(sms.id(), "the number is on the do-not-call list", now);
      return;
    }
    Optional<CallingHours> hours = sms.calling().over(serverHours);
    if (hours.isPresent()) {
      var window = zones.windowFor(sms.to(), hours.get());
      if (!window.isAllowed(now)) {
        Optional<Instant> opens = window.nextAllowed(now);
        if (opens.isEmpty()) {
          store.failed(sms.id(), "the recipient's calling hours never open", now);
        } else {
          store.retry(sms.id(), Optional.empty(), opens.get(), now);
        }
        return;
      }
    }
    SendResult result;
    try {
      result = provider.send(new OutboundSms(sms.id(), sms.to(), sms.from(), sms.text()));
    } catch (RuntimeException e) {
      result = new SendResult.Unavailable("the provider failed: " + e.getClass().getSimpleName());
    }
    now = clock.instant();
    switch (result) {
      case SendResult.Accepted a -> store.sent(sms.id(), a.providerMessageId(), now);
      case SendResult.Rejected r -> store.failed(sms.id(), r.error(), now);
      case SendResult.Unavailable u -> {
        if (sms.attempts() >= maxAttempts) {
          store.failed(
              sms.id(), u.error() + " (gave up after " + sms.attempts() + " attempts)", now);
        } else {
          store.retry(
              sms.id(),
              Optional.of(u.error()),
              now.plus(retryDelay.multipliedBy(sms.attempts())),
              now);
        }
      }
    }
  }
}
