package io.outdial.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdminKeyThrottleTest {
  private static final String ADDRESS = "192.0.2.7";

  private final TestClock clock = new TestClock();
  private final AdminKeyThrottle throttle = new AdminKeyThrottle(clock);
  private final AtomicInteger comparisons = new AtomicInteger();

  @Test
  void theFirstWrongKeysCostNothingButTheAnswer() {
    for (int i = 0; i < AdminKeyThrottle.FREE_FAILURES; i++) {
      assertThat(wrong()).isInstanceOf(KeyAttempt.Wrong.class);
    }
    assertThat(right()).as("not locked out yet").isInstanceOf(KeyAttempt.Accepted.class);
  }

  @Test
  void furtherWrongKeysLockTheAddressForADoublingTime() {
    failFreely();
    assertThat(wrong()).isInstanceOf(KeyAttempt.Wrong.class);
    assertThat(right()).isEqualTo(new KeyAttempt.LockedOut(Duration.ofSeconds(1)));

    clock.advance(Duration.ofSeconds(1));
    assertThat(wrong()).isInstanceOf(KeyAttempt.Wrong.class);
    assertThat(wrong()).isEqualTo(new KeyAttempt.LockedOut(Duration.ofSeconds(2)));

    clock.advance(Duration.ofMillis(1500));
    assertThat(right()).isEqualTo(new KeyAttempt.LockedOut(Duration.ofMillis(500)));
  }

  @Test
  void duringALockOutTheKeyIsNotComparedNorCounted() {
    failFreely();
    wrong();
    int compared = comparisons.get();
    for (int i = 0; i < 5; i++) {
      assertThat(right()).isInstanceOf(KeyAttempt.LockedOut.class);
      assertThat(wrong()).isInstanceOf(KeyAttempt.LockedOut.class);
    }
    assertThat(comparisons).hasValue(compared);

    clock.advance(Duration.ofSeconds(1));
    wrong();
    assertThat(right())
        .as("refused attempts did not lengthen the lock")
        .isEqualTo(new KeyAttempt.LockedOut(Duration.ofSeconds(2)));
  }

  @Test
  void theLockNeverExceedsFiveMinutes() {
    assertThat(AdminKeyThrottle.lockFor(AdminKeyThrottle.FREE_FAILURES + 1))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(AdminKeyThrottle.lockFor(AdminKeyThrottle.FREE_FAILURES + 4))
        .isEqualTo(Duration.ofSeconds(8));
    assertThat(AdminKeyThrottle.lockFor(1_000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void otherAddressesAreNotLockedOut() {
    failFreely();
    wrong();
    assertThat(throttle.attempt("198.51.100.1", () -> true))
        .isInstanceOf(KeyAttempt.Accepted.class);
  }

  @Test
  void theRightKeyForgivesPastMistakes() {
    failFreely();
    assertThat(right()).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(wrong()).isInstanceOf(KeyAttempt.Wrong.class);
    assertThat(right())
        .as("counted as a first mistake again")
        .isInstanceOf(KeyAttempt.Accepted.class);
  }

  @Test
  void mistakesAreForgottenAfterAQuietQuarterHour() {
    failFreely();
    clock.advance(Duration.ofMinutes(15));
    assertThat(wrong()).isInstanceOf(KeyAttempt.Wrong.class);
    assertThat(right())
        .as("counted as a first mistake again")
        .isInstanceOf(KeyAttempt.Accepted.class);
  }

  @Test
  void aLockOutIsToldInWholeSecondsRoundedUp() {
    assertThat(new KeyAttempt.LockedOut(Duration.ofMillis(1)).seconds()).isEqualTo(1);
    assertThat(new KeyAttempt.LockedOut(Duration.ofMillis(1000)).seconds()).isEqualTo(1);
    assertThat(new KeyAttempt.LockedOut(Duration.ofMillis(1001)).seconds()).isEqualTo(2);
    assertThat(new KeyAttempt.LockedOut(Duration.ofMinutes(5)).seconds()).isEqualTo(300);
  }

  @Test
  void concurrentWrongKeysBeyondTheFreeOnesAreRefusedUncompared() throws Exception {
    List<KeyAttempt> outcomes =
        atOnce(
            64,
            () -> {
              comparisons.incrementAndGet();
              Thread.yield(); // widen any window between a check and the counting
              return false;
            });

    assertThat(comparisons).hasValue(AdminKeyThrottle.FREE_FAILURES + 1);
    assertThat(outcomes)
        .filteredOn(KeyAttempt.Wrong.class::isInstance)
        .hasSize(AdminKeyThrottle.FREE_FAILURES + 1);
    assertThat(outcomes)
        .filteredOn(KeyAttempt.LockedOut.class::isInstance)
        .hasSize(64 - AdminKeyThrottle.FREE_FAILURES - 1);
  }

  @Test
  void concurrentRightKeysAreAllAccepted() throws Exception {
    failFreely();
    List<KeyAttempt> outcomes =
        atOnce(
            64,
            () -> {
              comparisons.incrementAndGet();
              return true;
            });
    assertThat(outcomes).allMatch(KeyAttempt.Accepted.class::isInstance);
  }

  /** Sends {@code threads} attempts from one address, all released together by a latch. */
  private List<KeyAttempt> atOnce(int threads, java.util.function.BooleanSupplier check)
      throws Exception {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<KeyAttempt>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return throttle.attempt(ADDRESS, check);
                }));
      }
      ready.await();
      go.countDown();
      List<KeyAttempt> outcomes = new ArrayList<>();
      for (Future<KeyAttempt> future : futures) {
        outcomes.add(future.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private KeyAttempt wrong() {
    return throttle.attempt(
        ADDRESS,
        () -> {
          comparisons.incrementAndGet();
          return false;
        });
  }

  private KeyAttempt right() {
    return throttle.attempt(
        ADDRESS,
        () -> {
          comparisons.incrementAndGet();
          return true;
        });
  }

  private void failFreely() {
    for (int i = 0; i < AdminKeyThrottle.FREE_FAILURES; i++) {
      wrong();
    }
  }

  private static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-22T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
