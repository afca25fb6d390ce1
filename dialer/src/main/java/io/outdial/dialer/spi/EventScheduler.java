package io.outdial.dialer.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs short tasks later. Everything in the dialer that waits (ring timeouts, simulated talk time,
 * the next turn) is a task scheduled here, never a sleeping thread. In the server the dispatcher's
 * {@code CallTimer} serves calls (one timer thread from the managed thread factory, tasks run on
 * the managed executor); tests pass a scheduler whose time they move by hand.
 */
@FunctionalInterface
public interface EventScheduler {
  /**
   * Runs {@code task} once after {@code delay}; a zero delay still runs it as a separate task,
   * never inline, so that no handler re-enters the code that scheduled it.
   */
  Cancellable schedule(Runnable task, Duration delay);

  /** Runs {@code task} as soon as possible, as a separate task. */
  default Cancellable execute(Runnable task) {
    return schedule(task, Duration.ZERO);
  }

  /** A scheduler backed by an executor, e.g. Jakarta Concurrency's managed scheduled executor. */
  static EventScheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return (task, delay) -> {
      long nanos = Math.max(0, delay.toNanos());
      var future = executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    };
  }
}
