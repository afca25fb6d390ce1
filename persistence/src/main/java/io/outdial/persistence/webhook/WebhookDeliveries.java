package io.outdial.persistence.webhook;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.DeliveryStatus;
import io.outdial.persistence.campaign.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Deliveries: claimed and recorded by the senders, listed and replayed by their owners. */
public interface WebhookDeliveries {
  /**
   * Claims up to {@code max} due deliveries to active endpoints for {@code hold}: within a subject
   * (a call, a campaign, a job) and endpoint only the oldest undelivered one is due, so each
   * endpoint receives a call's events in order. Bodies are rendered at the first claim; a delivery
   * whose body cannot be rendered (its call was given back unplaced) is cancelled.
   */
  List<DueDelivery> claim(String sender, Instant now, int max, Duration hold);

  /** Records attempts and what they mean for their endpoints. */
  void record(List<AttemptRecord> attempts, Instant now, Duration disableAfter);

  /** Claims up to {@code max} endpoints whose ownership challenge is due. */
  List<VerificationTarget> claimVerifications(String sender, Instant now, int max, Duration hold);

  /**
   * Records a challenge: verified, or failed with the time of the next one (empty when the schedule
   * is spent: the endpoint is disabled).
   */
  void recordVerification(
      VerificationTarget target,
      boolean verified,
      Optional<String> error,
      Optional<Instant> retryAt,
      Instant now);

  /** The endpoint's deliveries, newest first; empty when the client has no such endpoint. */
  Optional<Page<DeliveryRecord>> log(
      ClientId client, WebhookId endpoint, Optional<DeliveryStatus> status, int limit, int offset);

  /** Sends a delivery's event again, as a new delivery due now. */
  Replay replay(ClientId client, WebhookId endpoint, String deliveryId, Instant now);

  /**
   * Purges, in one short transaction, up to {@code max} deliveries that are no longer pending and
   * whose last attempt (or creation, never tried) is before {@code before}, oldest first, then up
   * to {@code max} events made before {@code before} that have been expanded and have no delivery
   * left (see {@link io.outdial.core.webhook.Retention}). One server purges at a time: the others
   * get {@link Purged#SKIPPED} at once. Replays wait for a purge under way, so a replayed event is
   * never purged under its new delivery.
   */
  Purged purge(Instant before, int max);
}
