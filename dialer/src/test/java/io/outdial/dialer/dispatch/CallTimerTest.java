package io.outdial.dialer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.dialer.spi.Cancellable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallTimerTest {
  /** An executor that only queues: the test runs what it was handed, when it wants. */
  private final List<Runnable> handed = new CopyOnWriteArrayList<>();

  private final Executor queueing = handed::add;
  private final CallTimer timer = new CallTimer(Executors.defaultThreadFactory(), queueing);

  @AfterEach
  void stop() {
    timer.shutdown();
  }

  @Test
  void aTaskWithoutDelayIsHandedToTheExecutorNeverRunInline() {
    AtomicInteger runs = new AtomicInteger();

    timer.schedule(runs::incrementAndGet, Duration.ZERO);

    assertThat(runs).hasValue(0);
    assertThat(handed).hasSize(1);
    assertThat(timer.waiting()).isZero();
    handed.get(0).run();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aDelayedTaskIsHandedToTheExecutorOnceDue() throws InterruptedException {
    var pool = Executors.newSingleThreadExecutor();
    try {
      CallTimer real = new CallTimer(Executors.defaultThreadFactory(), pool);
      CountDownLatch ran = new CountDownLatch(1);
      long start = System.nanoTime();

      real.schedule(ran::countDown, Duration.ofMillis(50));

      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(System.nanoTime() - start)
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
      real.shutdown();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCancelledTaskLeavesTheTimerAtOnceAndNeverRuns() {
    AtomicInteger runs = new AtomicInteger();

    Cancellable task = timer.schedule(runs::incrementAndGet, Duration.ofHours(1));
    assertThat(timer.waiting()).isEqualTo(1);
    task.cancel();
    task.cancel();

    assertThat(timer.waiting()).isZero();
    assertThat(handed).isEmpty();
    assertThat(runs).hasValue(0);
  }

  @Test
  void aTaskCancelledAfterItWasHandedOverDoesNotRun() {
    AtomicInteger runs = new AtomicInteger();

    Cancellable task = timer.schedule(runs::incrementAndGet, Duration.ZERO);
    task.cancel();
    handed.forEach(Runnable::run);

    assertThat(runs).hasValue(0);
  }

  @Test
  void aNegativeDelayCountsAsNone() {
    timer.schedule(() -> {}, Duration.ofSeconds(-1));

    assertThat(handed).hasSize(1);
  }

  @Test
  void afterShutdownWaitingTasksNeverRun() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    timer.schedule(runs::incrementAndGet, Duration.ofMillis(20));

    timer.shutdown();
    Thread.sleep(100);

    assertThat(handed).isEmpty();
    assertThat(runs).hasValue(0);
  }
}
