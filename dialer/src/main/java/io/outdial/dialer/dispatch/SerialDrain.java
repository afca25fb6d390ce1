package io.outdial.dialer.dispatch;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a drain task on an executor, never two at once: {@link #start()} submits it unless it is
 * already running, and the task calls {@link #finished()} when done. While the server stops, the
 * managed executor refuses new work; that is not an error here (whoever shuts down hands the work
 * over), so the refusal is logged at debug level and the drain may be started again.
 */
final class SerialDrain {
  private static final System.Logger LOG = System.getLogger(SerialDrain.class.getName());

  private final Executor executor;
  private final Runnable task;
  private final String what;
  private final AtomicBoolean running = new AtomicBoolean();
  private final BusyMeter busy;

  /**
   * @param task the drain; it must call {@link #finished()} when it stops
   * @param what names the drain in the log
   */
  SerialDrain(Executor executor, Runnable task, String what) {
    this(executor, task, what, new BusyMeter(System::nanoTime));
  }

  /**
   * @param busy counts the time from each start (submitted, waiting for a thread, at work) to its
   *     {@link #finished()}
   */
  SerialDrain(Executor executor, Runnable task, String what, BusyMeter busy) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.task = Objects.requireNonNull(task, "task");
    this.what = Objects.requireNonNull(what, "what");
    this.busy = Objects.requireNonNull(busy, "busy");
  }

  /** Submits the drain unless it is running; returns whether this call submitted it. */
  boolean start() {
    if (!running.compareAndSet(false, true)) {
      return false;
    }
    busy.began();
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      busy.ended();
      running.set(false);
      LOG.log(Level.DEBUG, "{0} not scheduled: the executor is shutting down", what);
      return false;
    }
  }

  /** Called by the drain when it stops, so that the next {@link #start()} submits it again. */
  void finished() {
    busy.ended();
    running.set(false);
  }

  /** Claims the drain for the calling thread, as {@link #start()} would, without submitting. */
  boolean claim() {
    if (!running.compareAndSet(false, true)) {
      return false;
    }
    busy.began();
    return true;
  }
}
