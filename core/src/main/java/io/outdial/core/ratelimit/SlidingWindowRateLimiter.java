package io.outdial.core.ratelimit;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * In-memory sliding-window log: per (policy, key) it keeps the timestamps of the requests it
 * allowed during the last window, in a ring buffer that grows up to {@code limit} entries.
 *
 * <p>A request at time {@code t} is allowed iff fewer than {@code limit} allowed requests lie in
 * {@code (t - window, t]}. That is the exact sliding window: no fixed-window burst and no
 * approximation error (worst case 0 requests over or under), at the price of 8 bytes per counted
 * request per key. Each decision is O(1) amortised: expired stamps are dropped from the head.
 *
 * <p>Thread-safe: one lock per key, so different keys never contend. Memory stays bounded: a key
 * whose newest stamp has left the window holds nothing a fresh key would not, so it is evicted by a
 * sweep that runs on the calling thread at most once per {@code sweepInterval}; the sweep is
 * O(keys), amortised over at least a window of requests. When {@code maxKeys} keys are all active,
 * a request for a new key is denied with {@code retry_after = 1} (fail closed) rather than growing
 * the table without bound. Time comes only from the injected nanosecond source.
 */
public final class SlidingWindowRateLimiter implements RateLimiter {
  public static final int DEFAULT_MAX_KEYS = 200_000;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int INITIAL_RING = 8;

  private final LongSupplier nanoTime;
  private final int maxKeys;
  private final long sweepIntervalNanos;
  private final long forcedSweepIntervalNanos = NANOS_PER_SECOND;
  private final Map<RateLimitPolicy, ConcurrentHashMap<String, Window>> byPolicy =
      new ConcurrentHashMap<>();
  private final AtomicInteger keys = new AtomicInteger();
  private final AtomicLong lastSweep;
  private final AtomicLong lastForcedSweep;

  /**
   * @param nanoTime a monotonic nanosecond source ({@code System::nanoTime} in production)
   * @param maxKeys the most (policy, key) pairs kept at once
   * @param sweepIntervalNanos the least time between two sweeps for idle keys
   */
  public SlidingWindowRateLimiter(LongSupplier nanoTime, int maxKeys, long sweepIntervalNanos) {
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    if (maxKeys < 1 || sweepIntervalNanos < 1) {
      throw new IllegalArgumentException("maxKeys and sweepIntervalNanos must be positive");
    }
    this.maxKeys = maxKeys;
    this.sweepIntervalNanos = sweepIntervalNanos;
    long now = nanoTime.getAsLong();
    this.lastSweep = new AtomicLong(now);
    this.lastForcedSweep = new AtomicLong(now - forcedSweepIntervalNanos);
  }

  /** {@link #DEFAULT_MAX_KEYS} keys, idle keys swept at most once a minute. */
  public SlidingWindowRateLimiter(LongSupplier nanoTime) {
    this(nanoTime, DEFAULT_MAX_KEYS, 60 * NANOS_PER_SECOND);
  }

  /** A limiter on {@link System#nanoTime()}. */
  public static SlidingWindowRateLimiter systemTime() {
    return new SlidingWindowRateLimiter(System::nanoTime);
  }

  @Override
  public RateLimitDecision tryAcquire(RateLimitPolicy policy, String key) {
    return tryAcquire(policy, key, Elsewhere.NONE);
  }

  /**
   * Requests of one key that other servers allowed inside the current window, as far as this server
   * knows them.
   *
   * @param count how many
   * @param retryAfterSeconds when the oldest of them leaves the window
   */
  public record Elsewhere(int count, long retryAfterSeconds) {
    public static final Elsewhere NONE = new Elsewhere(0, 0);

    public Elsewhere {
      if (count < 0 || retryAfterSeconds < 0) {
        throw new IllegalArgumentException("count and retryAfterSeconds must not be negative");
      }
    }
  }

  /**
   * Like {@link #tryAcquire(RateLimitPolicy, String)} when other servers share the limit: {@code
   * elsewhere.count()} requests allowed elsewhere in the window take room from this one, so the sum
   * over servers stays within the policy (as exactly as {@code elsewhere} is fresh).
   */
  public RateLimitDecision tryAcquire(RateLimitPolicy policy, String key, Elsewhere elsewhere) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(elsewhere, "elsewhere");
    Objects.requireNonNull(key, "key");
    long now = nanoTime.getAsLong();
    if (now - lastSweep.get() >= sweepIntervalNanos) {
      long seen = lastSweep.get();
      if (now - seen >= sweepIntervalNanos && lastSweep.compareAndSet(seen, now)) {
        evictIdle(now);
      }
    }
    ConcurrentHashMap<String, Window> windows = byPolicy.get(policy);
    if (windows == null) {
      windows = byPolicy.computeIfAbsent(policy, p -> new ConcurrentHashMap<>());
    }
    long windowNanos = policy.window().toNanos();
    while (true) {
      Window w = windows.get(key);
      if (w == null) {
        if (keys.get() >= maxKeys && !makeRoom(now)) {
          return RateLimitDecision.deny(policy.limit(), 1, 1);
        }
        Window fresh = new Window(policy.limit());
        w = windows.putIfAbsent(key, fresh);
        if (w == null) {
          keys.incrementAndGet();
          w = fresh;
        }
      }
      synchronized (w) {
        // A sweep may have evicted this window after we looked it up: start again with a new one.
        if (!w.evicted) {
          return w.decide(now, windowNanos, policy.limit(), elsewhere);
        }
      }
    }
  }

  /** Forces a sweep when the table is full, at most once a second; true if there is room now. */
  private boolean makeRoom(long now) {
    long seen = lastForcedSweep.get();
    if (now - seen >= forcedSweepIntervalNanos && lastForcedSweep.compareAndSet(seen, now)) {
      evictIdle(now);
    }
    return keys.get() < maxKeys;
  }

  /**
   * Drops every key with no request inside its window; such a key behaves exactly like a fresh one,
   * so nothing is lost. Runs on its own when due; callable by a housekeeping task too.
   *
   * @return how many keys were evicted
   */
  public int evictIdle() {
    return evictIdle(nanoTime.getAsLong());
  }

  private int evictIdle(long now) {
    int evicted = 0;
    for (Map.Entry<RateLimitPolicy, ConcurrentHashMap<String, Window>> e : byPolicy.entrySet()) {
      long windowNanos = e.getKey().window().toNanos();
      ConcurrentHashMap<String, Window> windows = e.getValue();
      for (Map.Entry<String, Window> kw : windows.entrySet()) {
        Window w = kw.getValue();
        synchronized (w) {
          if (!w.evicted && w.idle(now, windowNanos)) {
            w.evicted = true;
            if (windows.remove(kw.getKey(), w)) {
              keys.decrementAndGet();
              evicted++;
            }
          }
        }
      }
    }
    return evicted;
  }

  /** How many (policy, key) pairs are held now. */
  public int keyCount() {
    return keys.get();
  }

  static long ceilSeconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
  }

  /** The stamps of one key's allowed requests, oldest at {@code head}. Guarded by its monitor. */
  private static final class Window {
    private long[] ring;
    private int head;
    private int size;
    boolean evicted;

    Window(int limit) {
      ring = new long[Math.min(limit, INITIAL_RING)];
    }

    boolean idle(long now, long windowNanos) {
      return size == 0 || newest() - (now - windowNanos) <= 0;
    }

    private long newest() {
      return ring[(head + size - 1) % ring.length];
    }

    RateLimitDecision decide(long now, long windowNanos, int limit, Elsewhere elsewhere) {
      long horizon = now - windowNanos;
      // Subtraction, not comparison, so that a nanoTime origin near Long.MIN_VALUE still works.
      while (size > 0 && ring[head] - horizon <= 0) {
        head = head + 1 == ring.length ? 0 : head + 1;
        size--;
      }
      if (size + elsewhere.count() >= limit) {
        // room comes back when the oldest request, here or elsewhere, leaves the window
        long local = size > 0 ? ceilSeconds(ring[head] - horizon) : Long.MAX_VALUE;
        long remote = elsewhere.count() > 0 ? elsewhere.retryAfterSeconds() : Long.MAX_VALUE;
        long retryAfter = Math.max(1, Math.min(local, remote));
        long reset = Math.max(retryAfter, size > 0 ? ceilSeconds(newest() - horizon) : 0);
        return RateLimitDecision.deny(limit, reset, retryAfter);
      }
      if (size == ring.length) {
        grow(limit);
      }
      int tail = head + size;
      ring[tail >= ring.length ? tail - ring.length : tail] = now;
      size++;
      return RateLimitDecision.allow(
          limit, limit - size - elsewhere.count(), ceilSeconds(windowNanos));
    }

    private void grow(int limit) {
      long[] bigger = new long[Math.min(limit, ring.length * 2)];
      for (int i = 0; i < size; i++) {
        bigger[i] = ring[(head + i) % ring.length];
      }
      ring = bigger;
      head = 0;
    }
  }
}
