package io.outdial.webhooks;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.DeliveryStatus;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.webhook.AttemptRecord;
import io.outdial.persistence.webhook.DeliveryRecord;
import io.outdial.persistence.webhook.DueDelivery;
import io.outdial.persistence.webhook.Purged;
import io.outdial.persistence.webhook.Replay;
import io.outdial.persistence.webhook.VerificationTarget;
import io.outdial.persistence.webhook.WebhookDeliveries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/**
 * The sender's tests' outbox: due deliveries and challenges held in memory and claimed in order,
 * with what the sender recorded. The store's own rules are tested against PostgreSQL
 * (JdbcWebhooksTest); here only the sender's side counts.
 */
final class MemoryDeliveries implements WebhookDeliveries {
  private final ArrayDeque<DueDelivery> due = new ArrayDeque<>();
  private final List<VerificationTarget> challenges = new ArrayList<>();
  final List<AttemptRecord> recorded = new CopyOnWriteArrayList<>();
  final List<Integer> claims = new CopyOnWriteArrayList<>();
  final List<String> verifications = new CopyOnWriteArrayList<>();

  /** A posting over the JDK's client on {@code executor}, as the server's sender builds it. */
  static Posting posting(WebhookSettings settings, ExecutorService executor, Clock clock) {
    return new Posting(
        Posting.client(settings.timeout(), executor),
        settings.destinations(),
        Posting.Resolver.SYSTEM,
        settings.timeout(),
        executor,
        clock);
  }

  synchronized void add(DueDelivery delivery) {
    due.add(delivery);
  }

  synchronized void challenge(VerificationTarget target) {
    challenges.add(target);
  }

  @Override
  public synchronized List<DueDelivery> claim(String sender, Instant now, int max, Duration hold) {
    List<DueDelivery> claimed = new ArrayList<>();
    while (claimed.size() < max && !due.isEmpty()) {
      claimed.add(due.poll());
    }
    claims.add(claimed.size());
    return claimed;
  }

  @Override
  public void record(List<AttemptRecord> attempts, Instant now, Duration disableAfter) {
    recorded.addAll(attempts);
  }

  @Override
  public synchronized List<VerificationTarget> claimVerifications(
      String sender, Instant now, int max, Duration hold) {
    List<VerificationTarget> taken = new ArrayList<>(challenges);
    challenges.clear();
    return taken;
  }

  @Override
  public void recordVerification(
      VerificationTarget target,
      boolean verified,
      Optional<String> error,
      Optional<Instant> retryAt,
      Instant now) {
    verifications.add(
        target.url()
            + (verified ? " verified" : " failed: " + error.orElse("") + " retry " + retryAt));
  }

  @Override
  public Optional<Page<DeliveryRecord>> log(
      ClientId client, WebhookId endpoint, Optional<DeliveryStatus> status, int limit, int offset) {
    throw new UnsupportedOperationException("not the sender's");
  }

  @Override
  public Replay replay(ClientId client, WebhookId endpoint, String deliveryId, Instant now) {
    throw new UnsupportedOperationException("not the sender's");
  }

  /** The purges asked for (cutoff and batch), each answered by the next of {@link #purges}. */
  final List<Instant> purgeCutoffs = new CopyOnWriteArrayList<>();

  final ArrayDeque<Purged> purges = new ArrayDeque<>();

  @Override
  public synchronized Purged purge(Instant before, int max) {
    purgeCutoffs.add(before);
    Purged next = purges.poll();
    return next == null ? new Purged(0, 0, false) : next;
  }
}
