package io.outdial.dialer.testing;

import io.outdial.dialer.spi.Cancellable;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The managed scheduled executor on a {@link ManualScheduler}'s time: tasks run on the test's
 * thread, and only when the test moves time ({@link ManualScheduler#advance}) or runs what is due
 * now ({@link #runDue()}). Tasks given to {@link #execute} are due at once; a task that throws
 * there throws into the test. A scheduled task that throws is kept in {@link #failures()} (a real
 * executor would swallow it), so a test can say that none did.
 *
 * <p>Only the executor methods the dialer uses are here; the Jakarta Concurrency extras (completion
 * stages, context service, triggers) throw {@link UnsupportedOperationException}.
 */
public final class ManualExecutor extends AbstractExecutorService
    implements ManagedScheduledExecutorService {
  private final ManualScheduler time;
  private final List<Throwable> failures = new ArrayList<>();
  private volatile boolean shutdown;

  public ManualExecutor(ManualScheduler time) {
    this.time = time;
  }

  /** Runs every task due now, including those they submit, without moving time. */
  public void runDue() {
    time.advance(Duration.ZERO);
  }

  /** What scheduled tasks threw, oldest first. */
  public synchronized List<Throwable> failures() {
    return List.copyOf(failures);
  }

  private synchronized void failed(Throwable t) {
    failures.add(t);
  }

  private void accepting() {
    if (shutdown) {
      throw new RejectedExecutionException("the executor is shut down");
    }
  }

  @Override
  public void execute(Runnable command) {
    accepting();
    time.schedule(command, Duration.ZERO);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(Executors.callable(command), delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    accepting();
    Timed<V> task = new Timed<>(callable, null);
    task.arm(Duration.ofNanos(unit.toNanos(delay)));
    return task;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    // tasks take no time here: a fixed rate and a fixed delay are the same
    return scheduleWithFixedDelay(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    accepting();
    if (delay <= 0) {
      throw new IllegalArgumentException("delay must be positive");
    }
    Timed<Object> task =
        new Timed<>(Executors.callable(command), Duration.ofNanos(unit.toNanos(delay)));
    task.arm(Duration.ofNanos(unit.toNanos(initialDelay)));
    return task;
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }

  /** A task waiting for its time on the manual scheduler; periodic when it has a period. */
  private final class Timed<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private final Duration period;
    private volatile Instant due;
    private volatile Cancellable pending = () -> {};

    Timed(Callable<V> callable, Duration period) {
      super(callable);
      this.period = period;
    }

    void arm(Duration delay) {
      Duration wait = delay.isNegative() ? Duration.ZERO : delay;
      due = time.now().plus(wait);
      pending = time.schedule(this, wait);
    }

    @Override
    public void run() {
      if (period == null) {
        super.run();
      } else if (runAndReset() && !shutdown) {
        arm(period);
      }
    }

    @Override
    protected void setException(Throwable t) {
      failed(t);
      super.setException(t);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      pending.cancel();
      return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(time.now(), due));
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }

  // ------------------------------------------------------------ Jakarta Concurrency extras

  @Override
  public ScheduledFuture<?> schedule(Runnable command, Trigger trigger) {
    throw new UnsupportedOperationException("triggers");
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, Trigger trigger) {
    throw new UnsupportedOperationException("triggers");
  }

  @Override
  public <U> CompletableFuture<U> completedFuture(U value) {
    throw new UnsupportedOperationException("completion stages");
  }

  @Override
  public <U> CompletionStage<U> completedStage(U value) {
    throw new UnsupportedOperationException("completion stages");
  }

  @Override
  public <T> CompletableFuture<T> copy(CompletableFuture<T> stage) {
    throw new UnsupportedOperationException("completion stages");
  }

  @Override
  public <T> CompletionStage<T> copy(CompletionStage<T> stage) {
    throw new UnsupportedOperationException("completion stages");
  }

  @Override
  public <U> CompletableFuture<U> failedFuture(Throwable ex) {
    throw new UnsupportedOperationException("completion stages");
  }

  @Override
  public <U> CompletionStage<U> failedStage(Throwable ex) {
    throw new UnsupportedOperationException("completion stages");
  }

  @Override
  public ContextService getContextService() {
    throw new UnsupportedOperationException("context service");
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    throw new UnsupportedOperationException("completion stages");
  }

  @Override
  public CompletableFuture<Void> runAsync(Runnable runnable) {
    throw new UnsupportedOperationException("completion stages");
  }

  @Override
  public <U> CompletableFuture<U> supplyAsync(Supplier<U> supplier) {
    throw new UnsupportedOperationException("completion stages");
  }
}
