package io.outdial.dialer.testing;

import io.outdial.dialer.spi.Cancellable;
import io.outdial.dialer.spi.EventScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A scheduler whose time moves only when a test says so, with a clock that follows it. Tasks due at
 * the same instant run in the order they were scheduled.
 */
public final class ManualScheduler implements EventScheduler {
  private static final int MAX_TASKS = 10_000_000;

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private Instant now;
  private long sequence;

  public ManualScheduler(Instant start) {
    this.now = start;
  }

  public ManualScheduler() {
    this(Instant.parse("2025-03-15T10:30:00Z"));
  }

  public synchronized Instant now() {
    return now;
  }

  /** A clock that reads this scheduler's time. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
    queue.add(t);
    return () -> {
      synchronized (ManualScheduler.this) {
        queue.remove(t);
      }
    };
  }

  /** Tasks waiting. */
  public synchronized int pending() {
    return queue.size();
  }

  /** Runs every task due within {@code duration} from now, moving time to each, then to the end. */
  public void advance(Duration duration) {
    Instant until;
    synchronized (this) {
      until = now.plus(duration);
    }
    runWhile(until);
    synchronized (this) {
      if (now.isBefore(until)) {
        now = until;
      }
    }
  }

  /** Runs tasks, moving time forward, until none is left. */
  public void runUntilIdle() {
    runWhile(Instant.MAX);
  }

  private void runWhile(Instant until) {
    for (int i = 0; i < MAX_TASKS; i++) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due.isAfter(until)) {
          return;
        }
        queue.poll();
        now = next.due;
      }
      next.task.run();
    }
    throw new IllegalStateException(
        "more than " + MAX_TASKS + " tasks: a task reschedules forever?");
  }

  private record Task(Instant due, long seq, Runnable task) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
