package io.outdial.benchmarks;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.outdial.core.ratelimit.RateLimitDecision;
import io.outdial.core.ratelimit.RateLimitPolicy;
import io.outdial.core.ratelimit.SlidingWindowRateLimiter;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Rate-limit decisions per second over 10 000 keys, Outdial's sliding-window log beside a Bucket4j
 * local bucket per key, both at 100 requests per minute, both behind a ConcurrentHashMap lookup by
 * key string and both reading the system clock on every decision.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RateLimiterBenchmark {
  static final int KEYS = 10_000;

  /** Limiters and keys shared by all benchmark threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    final String[] keys = new String[KEYS];
    final RateLimitPolicy policy = RateLimitPolicy.DEFAULT;
    SlidingWindowRateLimiter outdial;
    ConcurrentHashMap<String, Bucket> buckets;

    @Setup(Level.Trial)
    public void setUp() {
      for (int i = 0; i < KEYS; i++) {
        keys[i] = "jt_ak_" + Integer.toHexString(0x10000000 + i * 7919);
      }
      outdial = SlidingWindowRateLimiter.systemTime();
      buckets = new ConcurrentHashMap<>();
      for (String k : keys) {
        outdial.tryAcquire(policy, k);
        buckets.put(k, newBucket());
      }
    }

    static Bucket newBucket() {
      return Bucket.builder()
          .addLimit(
              Bandwidth.builder().capacity(100).refillGreedy(100, Duration.ofMinutes(1)).build())
          .build();
    }
  }

  /** Each thread walks the keys in its own random order. */
  @State(Scope.Thread)
  public static class Cursor {
    int[] order;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      SplittableRandom random = new SplittableRandom(Thread.currentThread().threadId());
      order = new int[1 << 16];
      for (int i = 0; i < order.length; i++) {
        order[i] = random.nextInt(KEYS);
      }
    }

    String key(Shared s) {
      return s.keys[order[next++ & (order.length - 1)]];
    }
  }

  /**
   * A second scenario on one thread with a synthetic clock that moves 600 µs / 10 000 keys per
   * decision, i.e. each key sees on average exactly its limit of 100 requests a minute: windows
   * stay full, and decisions mix allowed and denied instead of being almost all denials as in the
   * real-time scenario (where 10 000 keys get millions of requests a second).
   */
  @State(Scope.Thread)
  public static class AtLimit {
    static final long STEP_NANOS = 60_000_000_000L / 100 / KEYS;
    final String[] keys = new String[KEYS];
    final RateLimitPolicy policy = RateLimitPolicy.DEFAULT;
    long now;
    SlidingWindowRateLimiter outdial;
    ConcurrentHashMap<String, Bucket> buckets;
    long allowed;
    long decisions;

    @Setup(Level.Trial)
    public void setUp() {
      for (int i = 0; i < KEYS; i++) {
        keys[i] = "jt_ak_" + Integer.toHexString(0x10000000 + i * 7919);
      }
      outdial = new SlidingWindowRateLimiter(() -> now);
      TimeMeter meter =
          new TimeMeter() {
            @Override
            public long currentTimeNanos() {
              return now;
            }

            @Override
            public boolean isWallClockBased() {
              return false;
            }
          };
      buckets = new ConcurrentHashMap<>();
      for (String k : keys) {
        buckets.put(
            k,
            Bucket.builder()
                .withCustomTimePrecision(meter)
                .addLimit(
                    Bandwidth.builder()
                        .capacity(100)
                        .refillGreedy(100, Duration.ofMinutes(1))
                        .build())
                .build());
      }
    }

    @TearDown(Level.Trial)
    public void report() {
      // Printed so the run log shows the scenario really mixes both outcomes.
      System.out.printf(
          "%n[at-limit] allowed %.1f%% of %d decisions%n", 100.0 * allowed / decisions, decisions);
    }
  }

  @Benchmark
  @Threads(1)
  public RateLimitDecision outdialAtLimit1Thread(AtLimit s, Cursor c) {
    s.now += AtLimit.STEP_NANOS;
    RateLimitDecision d =
        s.outdial.tryAcquire(s.policy, s.keys[c.order[c.next++ & (c.order.length - 1)]]);
    s.decisions++;
    if (d.allowed()) {
      s.allowed++;
    }
    return d;
  }

  @Benchmark
  @Threads(1)
  public ConsumptionProbe bucket4jAtLimit1Thread(AtLimit s, Cursor c) {
    s.now += AtLimit.STEP_NANOS;
    ConsumptionProbe p =
        s.buckets
            .get(s.keys[c.order[c.next++ & (c.order.length - 1)]])
            .tryConsumeAndReturnRemaining(1);
    s.decisions++;
    if (p.isConsumed()) {
      s.allowed++;
    }
    return p;
  }

  private static RateLimitDecision outdial(Shared s, Cursor c) {
    return s.outdial.tryAcquire(s.policy, c.key(s));
  }

  private static ConsumptionProbe bucket4j(Shared s, Cursor c) {
    String key = c.key(s);
    Bucket b = s.buckets.get(key);
    if (b == null) {
      b = s.buckets.computeIfAbsent(key, k -> Shared.newBucket());
    }
    // The probe carries remaining and wait time, like Outdial's decision, for header values.
    return b.tryConsumeAndReturnRemaining(1);
  }

  @Benchmark
  @Threads(1)
  public RateLimitDecision outdialSlidingWindow1Thread(Shared s, Cursor c) {
    return outdial(s, c);
  }

  @Benchmark
  @Threads(2)
  public RateLimitDecision outdialSlidingWindow2Threads(Shared s, Cursor c) {
    return outdial(s, c);
  }

  @Benchmark
  @Threads(1)
  public ConsumptionProbe bucket4jLocal1Thread(Shared s, Cursor c) {
    return bucket4j(s, c);
  }

  @Benchmark
  @Threads(2)
  public ConsumptionProbe bucket4jLocal2Threads(Shared s, Cursor c) {
    return bucket4j(s, c);
  }
}
