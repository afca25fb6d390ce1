package io.outdial.webhooks;

import io.outdial.core.webhook.Retention;
import io.outdial.persistence.webhook.Purged;
import io.outdial.persistence.webhook.WebhookDeliveries;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Purges the delivery log of what the {@link Retention} no longer keeps: batches of short
 * transactions, one after the other, until a batch finds less than a full one of each kind, another
 * server turns out to be purging, or {@code maxBatches} have run (the next run goes on).
 */
final class Purging {
  private final WebhookDeliveries deliveries;
  private final Retention retention;
  private final Clock clock;
  private final int batch;
  private final int maxBatches;

  Purging(
      WebhookDeliveries deliveries, Retention retention, Clock clock, int batch, int maxBatches) {
    if (batch < 1 || maxBatches < 1) {
      throw new IllegalArgumentException("batch and maxBatches must be positive");
    }
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.batch = batch;
    this.maxBatches = maxBatches;
  }

  /** One run; what it removed ({@link Purged#SKIPPED} when another server was at it first). */
  Purged run() {
    Optional<Instant> cutoff = retention.cutoff(clock.instant());
    if (cutoff.isEmpty()) {
      return new Purged(0, 0, false);
    }
    int deliveriesGone = 0;
    int eventsGone = 0;
    for (int i = 0; i < maxBatches; i++) {
      Purged one = deliveries.purge(cutoff.get(), batch);
      if (one.skipped()) {
        return i == 0 ? Purged.SKIPPED : new Purged(deliveriesGone, eventsGone, false);
      }
      deliveriesGone += one.deliveries();
      eventsGone += one.events();
      if (one.deliveries() < batch && one.events() < batch) {
        break;
      }
    }
    return new Purged(deliveriesGone, eventsGone, false);
  }
}
