package io.outdial.dialer.dispatch;

import io.outdial.persistence.dialing.CallResult;
import io.outdial.persistence.dialing.DialQueue;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes call outcomes in batches: whatever finished while the previous batch was being written
 * goes into the next transaction, so a busy server writes hundreds of outcomes per commit and a
 * quiet one writes each at once. A batch the database refuses is retried one second later; the
 * calls stay in flight (and their slots taken) until their outcome is stored.
 */
final class OutcomeWriter {
  private static final System.Logger LOG = System.getLogger(OutcomeWriter.class.getName());
  static final int BATCH = 500;

  private final DialQueue queue;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Consumer<CallResult> recorded;
  private final ConcurrentLinkedQueue<CallResult> waiting = new ConcurrentLinkedQueue<>();
  private final SerialDrain drains;

  OutcomeWriter(
      DialQueue queue,
      ScheduledExecutorService executor,
      Clock clock,
      Consumer<CallResult> recorded) {
    this.queue = queue;
    this.executor = executor;
    this.drains = new SerialDrain(executor, this::drain, "Outcome writing");
    this.clock = clock;
    this.recorded = recorded;
  }

  void submit(CallResult result) {
    waiting.add(result);
    // while the server stops, the executor refuses the drain: what is still waiting goes with
    // the dispatcher's flush, or stays open for the lease to hand over
    drains.start();
  }

  /** Writes everything waiting, on the calling thread (at shutdown). */
  void flush() {
    while (!waiting.isEmpty()) {
      if (!writeBatch()) {
        return;
      }
    }
  }

  private void drain() {
    boolean ok = true;
    try {
      while (!waiting.isEmpty() && ok) {
        ok = writeBatch();
      }
    } finally {
      drains.finished();
    }
    if (!ok) {
      try {
        executor.schedule(
            () -> {
              if (drains.claim()) {
                drain();
              }
            },
            1,
            TimeUnit.SECONDS);
      } catch (RejectedExecutionException e) {
        LOG.log(Level.DEBUG, "Outcome retry not scheduled: the executor is shutting down");
      }
    } else if (!waiting.isEmpty()) {
      drains.start();
    }
  }

  private boolean writeBatch() {
    List<CallResult> batch = new ArrayList<>(BATCH);
    for (CallResult r; batch.size() < BATCH && (r = waiting.poll()) != null; ) {
      batch.add(r);
    }
    if (batch.isEmpty()) {
      return true;
    }
    try {
      queue.complete(batch, clock.instant());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record " + batch.size() + " call outcomes; retrying", e);
      waiting.addAll(batch);
      return false;
    }
    batch.forEach(recorded);
    return true;
  }
}
