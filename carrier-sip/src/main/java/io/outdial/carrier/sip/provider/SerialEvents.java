package io.outdial.carrier.sip.provider;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one call's listener events one at a time and in the order they were queued, on a shared
 * executor, without holding a thread between events.
 *
 * <p>Why: a call's events come from the SIP stack's threads, the media pacing thread, HTTP client
 * threads and process exits. Handing them all to this queue means the listener never runs on the
 * pacing thread (which serves every call), never on the thread that placed the call, never under
 * the call's lock, and never twice at once for one call.
 */
final class SerialEvents {
  private static final System.Logger LOG = System.getLogger(SerialEvents.class.getName());

  private final Executor executor;
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  SerialEvents(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Queues {@code event}; it runs after every event queued before it. */
  void post(Runnable event) {
    queue.add(event);
    schedule();
  }

  private void schedule() {
    if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        draining.set(false);
        queue.clear();
        LOG.log(Level.WARNING, "The executor refused call events (shutting down?); dropped");
      }
    }
  }

  private void drain() {
    try {
      Runnable event;
      while ((event = queue.poll()) != null) {
        try {
          event.run();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "A call listener failed on an event", e);
        }
      }
    } finally {
      draining.set(false);
    }
    schedule(); // an event queued between the last poll and the reset
  }
}
