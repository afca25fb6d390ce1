package io.outdial.rest.auth;

import io.outdial.core.ratelimit.RateLimitPolicy;
import io.outdial.core.ratelimit.SlidingWindowRateLimiter.Elsewhere;
import io.outdial.persistence.ratelimit.RateHits;
import io.outdial.persistence.ratelimit.RateUsageStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shares rate-limit usage between servers through PostgreSQL ({@code rate_usage}): every {@link
 * #INTERVAL_MS} ms this server adds the requests it allowed (per key, policy and second) and reads
 * what the others allowed in the last seconds. {@link RateLimits} counts those against the key's
 * limit, so the limit holds across servers, as exactly as this view is fresh (about {@link
 * #INTERVAL_MS} ms plus a transaction). One server alone writes a few rows a second and reads none
 * back. When the database cannot be reached, each server limits on its own until it can.
 */
@ApplicationScoped
public class RateUsageSync {
  private static final Logger LOG = Logger.getLogger(RateUsageSync.class.getName());

  /** How often usage is shared. */
  public static final long INTERVAL_MS = 100;

  private record Bucket(String policy, String keyHash, long second) {}

  @Resource ManagedScheduledExecutorService executor;
  @Inject RateUsageStore store;
  @Inject Clock clock;

  private final String serverId = "srv_" + UUID.randomUUID().toString().replace("-", "");
  private final AtomicReference<ConcurrentHashMap<Bucket, AtomicInteger>> pending =
      new AtomicReference<>(new ConcurrentHashMap<>());
  private final Map<String, ConcurrentSkipListMap<Long, Integer>> others =
      new ConcurrentHashMap<>();
  private volatile long longestWindowSeconds = 60;
  private volatile boolean failing;
  private long readFrom = Long.MIN_VALUE;
  private long nextPrune;
  private ScheduledFuture<?> task;

  /** Starts sharing; {@code longestWindow} bounds how far back usage is kept. */
  synchronized void start(long longestWindow) {
    if (task != null) {
      return;
    }
    longestWindowSeconds = Math.max(1, longestWindow);
    task = executor.scheduleWithFixedDelay(this::sync, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** Counts one request this server allowed. */
  void allowed(RateLimitPolicy policy, String keyHash) {
    pending
        .get()
        .computeIfAbsent(new Bucket(policy.name(), keyHash, second()), b -> new AtomicInteger())
        .incrementAndGet();
  }

  /** What other servers allowed for this key inside the policy's window, as far as known. */
  Elsewhere elsewhere(RateLimitPolicy policy, String keyHash) {
    ConcurrentSkipListMap<Long, Integer> seconds = others.get(policy.name() + '\n' + keyHash);
    if (seconds == null) {
      return Elsewhere.NONE;
    }
    long window = policy.window().toSeconds();
    long now = second();
    var inWindow = seconds.tailMap(now - window, false);
    int count = 0;
    for (int hits : inWindow.values()) {
      count += hits;
    }
    if (count == 0) {
      return Elsewhere.NONE;
    }
    // a request counted in second s leaves the window by s + 1 + window
    long oldest = inWindow.firstKey();
    return new Elsewhere(count, Math.max(1, oldest + 1 + window - now));
  }

  private long second() {
    return clock.millis() / 1000;
  }

  private void sync() {
    try {
      // Requests counted into the old map while it is swapped out are still counted locally;
      // at most a handful per key are missing from the other servers' view.
      ConcurrentHashMap<Bucket, AtomicInteger> mine = pending.getAndSet(new ConcurrentHashMap<>());
      List<RateHits> hits = new ArrayList<>(mine.size());
      mine.forEach((b, n) -> hits.add(new RateHits(b.policy(), b.keyHash(), b.second(), n.get())));
      store.add(serverId, hits);
      long now = second();
      long from = readFrom == Long.MIN_VALUE ? now - longestWindowSeconds : readFrom;
      // seconds before now - 2 are complete on every server (each flushes every INTERVAL_MS)
      readFrom = now - 2;
      for (RateHits row : store.others(serverId, from)) {
        others
            .computeIfAbsent(
                row.policy() + '\n' + row.keyHash(), k -> new ConcurrentSkipListMap<>())
            .put(row.second(), row.hits());
      }
      long horizon = now - longestWindowSeconds - 1;
      others
          .values()
          .removeIf(
              seconds -> {
                seconds.headMap(horizon).clear();
                return seconds.isEmpty();
              });
      if (now >= nextPrune) {
        store.prune(horizon - 5);
        nextPrune = now + 30;
      }
      if (failing) {
        failing = false;
        LOG.info("Rate-limit usage is shared between servers again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.log(
            Level.WARNING,
            "Could not share rate-limit usage; each server limits on its own until it can",
            e);
      }
    }
  }
}
