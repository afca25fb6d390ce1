package io.outdial.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {
  private final FakeNanoClock clock = new FakeNanoClock();
  private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(clock);
  private final RateLimitPolicy perMinute = RateLimitPolicy.DEFAULT;

  private int allowedOf(int requests, RateLimitPolicy policy, String key) {
    int allowed = 0;
    for (int i = 0; i < requests; i++) {
      if (limiter.tryAcquire(policy, key).allowed()) {
        allowed++;
      }
    }
    return allowed;
  }

  @Test
  void theHundredAndFirstRequestInAMinuteIsDeniedWithRetryAfter() {
    assertThat(allowedOf(100, perMinute, "k")).isEqualTo(100);
    RateLimitDecision denied = limiter.tryAcquire(perMinute, "k");
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.remaining()).isZero();
    assertThat(denied.limit()).isEqualTo(100);
    assertThat(denied.retryAfterSeconds()).isEqualTo(60);
  }

  @Test
  void requestsAllowedElsewhereTakeRoomFromThisServer() {
    var elsewhere = new SlidingWindowRateLimiter.Elsewhere(97, 12);
    RateLimitDecision first = limiter.tryAcquire(perMinute, "k", elsewhere);
    assertThat(first.allowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(2);
    assertThat(limiter.tryAcquire(perMinute, "k", elsewhere).allowed()).isTrue();
    assertThat(limiter.tryAcquire(perMinute, "k", elsewhere).allowed()).isTrue();
    RateLimitDecision denied = limiter.tryAcquire(perMinute, "k", elsewhere);
    assertThat(denied.allowed()).isFalse();
    // the oldest request elsewhere leaves the window first
    assertThat(denied.retryAfterSeconds()).isEqualTo(12);
    // once the other servers' requests have left the window, the local ones still count
    assertThat(
            limiter.tryAcquire(perMinute, "k", SlidingWindowRateLimiter.Elsewhere.NONE).remaining())
        .isEqualTo(96);
  }

  @Test
  void aKeyUsedUpElsewhereIsDeniedHereUntilTheOldestRequestThereLeaves() {
    RateLimitDecision denied =
        limiter.tryAcquire(perMinute, "k", new SlidingWindowRateLimiter.Elsewhere(100, 7));
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.retryAfterSeconds()).isEqualTo(7);
    assertThat(limiter.tryAcquire(perMinute, "k").remaining()).isEqualTo(99);
  }

  @Test
  void remainingCountsDownAndResetIsAFullWindowAfterARequest() {
    RateLimitDecision first = limiter.tryAcquire(perMinute, "k");
    assertThat(first.allowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(99);
    assertThat(first.resetSeconds()).isEqualTo(60);
    assertThat(first.retryAfterSeconds()).isZero();
    assertThat(limiter.tryAcquire(perMinute, "k").remaining()).isEqualTo(98);
  }

  @Test
  void aBurstAtSecond59AndAnotherAtSecond61DoNotBothPass() {
    clock.advanceSeconds(59);
    assertThat(allowedOf(100, perMinute, "k")).isEqualTo(100);
    clock.advanceSeconds(2);
    assertThat(allowedOf(100, perMinute, "k")).isZero();
    RateLimitDecision denied = limiter.tryAcquire(perMinute, "k");
    assertThat(denied.retryAfterSeconds()).isEqualTo(58);
  }

  @Test
  void slotsFreeExactlyWhenTheOldestRequestLeavesTheWindow() {
    limiter.tryAcquire(perMinute, "k");
    clock.advanceSeconds(30);
    assertThat(allowedOf(99, perMinute, "k")).isEqualTo(99);
    clock.advanceSeconds(29.999);
    assertThat(limiter.tryAcquire(perMinute, "k").allowed()).isFalse();
    clock.advanceSeconds(0.001);
    // The first request is now exactly one window old and no longer counts.
    RateLimitDecision d = limiter.tryAcquire(perMinute, "k");
    assertThat(d.allowed()).isTrue();
    assertThat(d.remaining()).isZero();
    RateLimitDecision next = limiter.tryAcquire(perMinute, "k");
    assertThat(next.allowed()).isFalse();
    assertThat(next.retryAfterSeconds()).isEqualTo(30);
    assertThat(next.resetSeconds()).isEqualTo(60);
  }

  @Test
  void retryAfterIsAtLeastOneSecondEvenWhenTheSlotFreesSooner() {
    allowedOf(100, perMinute, "k");
    clock.advanceSeconds(59.9999);
    RateLimitDecision d = limiter.tryAcquire(perMinute, "k");
    assertThat(d.allowed()).isFalse();
    assertThat(d.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void keysAreLimitedIndependently() {
    allowedOf(100, perMinute, "a");
    assertThat(limiter.tryAcquire(perMinute, "a").allowed()).isFalse();
    assertThat(limiter.tryAcquire(perMinute, "b").allowed()).isTrue();
  }

  @Test
  void eachPolicyKeepsItsOwnCountForTheSameKey() {
    RateLimitPolicy uploads = RateLimitPolicies.standard().forName("uploads");
    assertThat(uploads.limit()).isEqualTo(10);
    assertThat(allowedOf(15, uploads, "k")).isEqualTo(10);
    assertThat(limiter.tryAcquire(perMinute, "k").remaining()).isEqualTo(99);
  }

  @Test
  void idleKeysAreEvictedAndComeBackFresh() {
    SlidingWindowRateLimiter l = new SlidingWindowRateLimiter(clock, 1_000, 10_000_000_000L);
    for (int i = 0; i < 50; i++) {
      l.tryAcquire(perMinute, "key" + i);
    }
    assertThat(l.keyCount()).isEqualTo(50);
    clock.advanceSeconds(61);
    // The next decision triggers the due sweep; only its own key remains.
    assertThat(l.tryAcquire(perMinute, "key0").remaining()).isEqualTo(99);
    assertThat(l.keyCount()).isEqualTo(1);
  }

  @Test
  void aKeyStillInsideItsWindowIsNotEvicted() {
    limiter.tryAcquire(perMinute, "busy");
    limiter.tryAcquire(perMinute, "quiet");
    clock.advanceSeconds(50);
    limiter.tryAcquire(perMinute, "busy");
    clock.advanceSeconds(20);
    assertThat(limiter.evictIdle()).isEqualTo(1);
    // The request at second 50 still counts: an evicted key would report 99.
    assertThat(limiter.tryAcquire(perMinute, "busy").remaining()).isEqualTo(98);
  }

  @Test
  void aFullTableOfActiveKeysFailsClosedForNewKeysUntilTheyGoIdle() {
    SlidingWindowRateLimiter l = new SlidingWindowRateLimiter(clock, 3, 3_600_000_000_000L);
    for (String k : List.of("a", "b", "c")) {
      assertThat(l.tryAcquire(perMinute, k).allowed()).isTrue();
    }
    RateLimitDecision d = l.tryAcquire(perMinute, "d");
    assertThat(d.allowed()).isFalse();
    assertThat(d.retryAfterSeconds()).isEqualTo(1);
    assertThat(l.tryAcquire(perMinute, "a").allowed()).isTrue();
    clock.advanceSeconds(61);
    assertThat(l.tryAcquire(perMinute, "d").allowed()).isTrue();
    assertThat(l.keyCount()).isEqualTo(1);
  }

  @Test
  void aLongWindowPolicyHoldsAcrossItsWholeLength() {
    RateLimitPolicy hourly = RateLimitPolicy.of("hourly", 3, Duration.ofHours(1));
    assertThat(allowedOf(5, hourly, "k")).isEqualTo(3);
    clock.advanceSeconds(3599);
    assertThat(limiter.tryAcquire(hourly, "k").allowed()).isFalse();
    clock.advanceSeconds(1);
    assertThat(allowedOf(5, hourly, "k")).isEqualTo(3);
  }

  @Test
  void concurrentRequestsForOneKeyNeverExceedTheLimit() throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return allowedOf(1_000, perMinute, "shared");
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(30, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(100);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void policyTableFallsBackToTheDefaultForUnknownNames() {
    RateLimitPolicies table = RateLimitPolicies.standard();
    assertThat(table.forName("nope")).isEqualTo(RateLimitPolicy.DEFAULT);
    assertThat(table.find("nope")).isEmpty();
    assertThat(table.forName(null)).isEqualTo(RateLimitPolicy.DEFAULT);
    RateLimitPolicy strict = RateLimitPolicy.perMinute("default", 5);
    assertThat(table.with(strict).defaultPolicy()).isEqualTo(strict);
  }
}
