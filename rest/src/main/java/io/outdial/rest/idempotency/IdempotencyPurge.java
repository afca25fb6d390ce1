package io.outdial.rest.idempotency;

import io.outdial.persistence.idempotency.IdempotencyKeys;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes expired idempotency keys every {@link #INTERVAL_MINUTES} minutes, in batches of {@link
 * #BATCH} (each a short transaction through the index on the expiry). An expired key is free for
 * reuse whether or not it was purged yet: this only keeps the table small.
 */
@ApplicationScoped
public class IdempotencyPurge {
  static final long INTERVAL_MINUTES = 5;
  static final int BATCH = 1000;
  private static final int MAX_BATCHES = 100;
  private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class.getName());

  @Resource ManagedScheduledExecutorService executor;
  @Inject IdempotencyKeys keys;
  @Inject Clock clock;

  private ScheduledFuture<?> task;
  private volatile boolean failing;

  synchronized void atStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    if (task == null && executor != null) {
      task =
          executor.scheduleWithFixedDelay(this::purge, 1, INTERVAL_MINUTES * 60, TimeUnit.SECONDS);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  void purge() {
    try {
      int batches = 0;
      while (batches++ < MAX_BATCHES && keys.purge(clock.instant(), BATCH) == BATCH) {
        // another full batch may follow
      }
      if (failing) {
        failing = false;
        LOG.info("Expired idempotency keys are purged again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.log(Level.WARNING, "Could not purge expired idempotency keys; trying again later", e);
      }
    }
  }
}
