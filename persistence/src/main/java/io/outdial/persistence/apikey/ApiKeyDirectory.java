package io.outdial.persistence.apikey;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.KeyHash;
import io.outdial.core.apikey.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers "which key is this?" for every API request without a database query per request.
 *
 * <p>Known keys are cached after their first use. Revocations reach the cache in two ways: at once
 * on the server that revoked the key ({@link ApiKeyRevoked}), and within {@link #REFRESH_INTERVAL}
 * on every other server sharing the database, because requests piggy-back a cheap query for keys
 * revoked since the last look (at most two such queries a second, whatever the traffic). Unknown
 * keys are remembered briefly so that a flood of bad keys does not become a flood of queries.
 */
@ApplicationScoped
public class ApiKeyDirectory {
  /** How often revocations made by other servers are looked for. */
  static final Duration REFRESH_INTERVAL = Duration.ofMillis(500);

  /** Look back further than the last refresh: commits land after their timestamp, clocks drift. */
  private static final Duration REVOCATION_OVERLAP = Duration.ofSeconds(10);

  /** A cached key is checked against the database again after this long, whatever happened. */
  private static final Duration MAX_AGE = Duration.ofMinutes(1);

  private static final Duration UNKNOWN_TTL = Duration.ofSeconds(1);
  private static final Duration USE_FLUSH_INTERVAL = Duration.ofSeconds(30);
  private static final int MAX_UNKNOWN = 10_000;
  private static final Logger LOG = Logger.getLogger(ApiKeyDirectory.class.getName());

  private record Cached(ApiKey key, Instant loadedAt) {}

  @Inject ApiKeyStore store;
  @Inject Clock clock;

  private final Map<String, Cached> known = new ConcurrentHashMap<>();
  private final Map<String, Instant> unknownUntil = new ConcurrentHashMap<>();
  private final Map<String, Boolean> usedSinceFlush = new ConcurrentHashMap<>();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Instant lastRefresh;
  private volatile Instant lastUseFlush;

  /** The active key whose raw secret this is. */
  public Optional<ApiKey> authenticate(String rawKey) {
    if (!Secrets.looksLikeApiKey(rawKey)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    refreshIfDue(now);
    KeyHash hash = KeyHash.of(rawKey);
    Cached cached = known.get(hash.value());
    if (cached == null || cached.loadedAt().plus(MAX_AGE).isBefore(now)) {
      cached = load(hash, now);
    }
    if (cached == null) {
      return Optional.empty();
    }
    usedSinceFlush.put(hash.value(), Boolean.TRUE);
    return Optional.of(cached.key());
  }

  private Cached load(KeyHash hash, Instant now) {
    Instant until = unknownUntil.get(hash.value());
    if (until != null && until.isAfter(now)) {
      return null;
    }
    Optional<ApiKey> found = store.findActive(hash);
    if (found.isEmpty()) {
      known.remove(hash.value());
      if (unknownUntil.size() >= MAX_UNKNOWN) {
        unknownUntil.clear();
      }
      unknownUntil.put(hash.value(), now.plus(UNKNOWN_TTL));
      return null;
    }
    unknownUntil.remove(hash.value());
    Cached cached = new Cached(found.get(), now);
    known.put(hash.value(), cached);
    return cached;
  }

  void onRevoked(@Observes ApiKeyRevoked revoked) {
    known.remove(revoked.hash().value());
  }

  private void refreshIfDue(Instant now) {
    Instant last = lastRefresh;
    if (last != null && now.isBefore(last.plus(REFRESH_INTERVAL))) {
      return;
    }
    if (!refreshing.compareAndSet(false, true)) {
      return; // another request is refreshing; this one goes on with what is cached
    }
    try {
      if (last == null) {
        known.clear(); // nothing cached can predate the first look
      } else if (!known.isEmpty()) {
        for (KeyHash hash : store.revokedSince(last.minus(REVOCATION_OVERLAP))) {
          known.remove(hash.value());
        }
      }
      lastRefresh = now;
      flushUseIfDue(now);
    } catch (RuntimeException e) {
      // the cache stays as it was; the next request tries again
      LOG.log(Level.WARNING, "Could not refresh API key revocations", e);
    } finally {
      refreshing.set(false);
    }
  }

  private void flushUseIfDue(Instant now) {
    Instant last = lastUseFlush;
    if (last != null && now.isBefore(last.plus(USE_FLUSH_INTERVAL))) {
      return;
    }
    lastUseFlush = now;
    if (usedSinceFlush.isEmpty()) {
      return;
    }
    List<KeyHash> used = new ArrayList<>();
    for (String hash : usedSinceFlush.keySet()) {
      usedSinceFlush.remove(hash);
      used.add(new KeyHash(hash));
    }
    store.recordUse(used, now);
  }
}
