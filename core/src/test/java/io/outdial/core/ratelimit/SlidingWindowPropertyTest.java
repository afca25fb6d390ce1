package io.outdial.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SlidingWindowPropertyTest {
  /**
   * Against a reference model that keeps every allowed stamp: a request is allowed exactly when
   * fewer than {@code limit} allowed requests lie in the window ending at it, and retry_after is
   * the time, rounded up, until the oldest of them leaves.
   */
  @Property(tries = 300)
  void decisionsMatchAnExactSlidingWindow(
      @ForAll @IntRange(min = 1, max = 12) int limit,
      @ForAll @IntRange(min = 1, max = 20) int windowSeconds,
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 4_000) Integer> gapsMillis) {
    FakeNanoClock clock = new FakeNanoClock();
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(clock, 10, 1_000_000_000L);
    RateLimitPolicy policy = RateLimitPolicy.of("p", limit, Duration.ofSeconds(windowSeconds));
    long windowNanos = windowSeconds * 1_000_000_000L;
    List<Long> allowedAt = new ArrayList<>();
    long t = 0;
    for (int gap : gapsMillis) {
      clock.advanceNanos(gap * 1_000_000L);
      t += gap * 1_000_000L;
      long now = t;
      List<Long> inWindow = allowedAt.stream().filter(s -> s > now - windowNanos).toList();
      RateLimitDecision d = limiter.tryAcquire(policy, "k");
      assertThat(d.allowed()).isEqualTo(inWindow.size() < limit);
      if (d.allowed()) {
        allowedAt.add(now);
        assertThat(d.remaining()).isEqualTo(limit - inWindow.size() - 1);
      } else {
        long expected = Math.max(1, ceilSeconds(inWindow.get(0) + windowNanos - now));
        assertThat(d.retryAfterSeconds()).isEqualTo(expected);
      }
    }
    // Never more than limit allowed in any window: check the window ending at each allowed stamp.
    for (long end : allowedAt) {
      long count = allowedAt.stream().filter(s -> s > end - windowNanos && s <= end).count();
      assertThat(count).isLessThanOrEqualTo(limit);
    }
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
