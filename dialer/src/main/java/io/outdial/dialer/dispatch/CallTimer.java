package io.outdial.dialer.dispatch;

import io.outdial.dialer.spi.Cancellable;
import io.outdial.dialer.spi.EventScheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The {@link EventScheduler} of calls in flight: one timer thread (from the managed thread factory)
 * keeps the delays, and each task, once due, runs on the managed executor like any other task.
 *
 * <p>Calls are not scheduled on the managed scheduled executor itself because Open Liberty's keeps
 * every future it hands out in a list and walks the whole list on every twentieth {@code schedule}:
 * with thousands of calls in flight, each holding a ring timeout, a call-length limit and its
 * carrier's next event, the cost of scheduling grew with the number of calls up and took most of
 * the server's CPU at 10 000 (BENCHMARKS.md). Here scheduling costs O(log n) on the timer's queue,
 * a cancelled task leaves the queue at once, and a task without delay goes straight to the
 * executor.
 */
final class CallTimer implements EventScheduler {
  private final ScheduledThreadPoolExecutor timer;
  private final Executor executor;

  /**
   * @param threads makes the one timer thread (production: the managed thread factory)
   * @param executor runs the tasks (production: the managed executor)
   */
  CallTimer(ThreadFactory threads, Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    timer = new ScheduledThreadPoolExecutor(1, Objects.requireNonNull(threads, "threads"));
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Task scheduled = new Task(Objects.requireNonNull(task, "task"));
    long nanos = Math.max(0, delay.toNanos());
    if (nanos == 0) {
      executor.execute(scheduled);
    } else {
      scheduled.timer =
          timer.schedule(() -> executor.execute(scheduled), nanos, TimeUnit.NANOSECONDS);
    }
    return scheduled;
  }

  /** Tasks waiting for their time (not those already handed to the executor). */
  int waiting() {
    return timer.getQueue().size();
  }

  /** Stops the timer thread; tasks still waiting never run. */
  void shutdown() {
    timer.shutdownNow();
  }

  private static final class Task implements Runnable, Cancellable {
    private final Runnable task;
    private volatile boolean cancelled;
    private volatile Future<?> timer;

    Task(Runnable task) {
      this.task = task;
    }

    @Override
    public void run() {
      if (!cancelled) {
        task.run();
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      Future<?> waiting = timer;
      if (waiting != null) {
        waiting.cancel(false);
      }
    }
  }
}
