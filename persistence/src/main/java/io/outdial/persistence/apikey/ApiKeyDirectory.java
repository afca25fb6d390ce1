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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers "which key is this?" for every API request without a database query per request.
 *
 * <p>Known keys are cached after their first use. Revocations reach the cache in two ways: at once
 * on the server that revoked the key ({@link ApiKeyRevoked}), and within {@link #REFRESH_INTERVAL}
 * on every other server sharing the database, because requests piggy-back a cheap query for keys
 * revoked since the last look (at most two such queries a second, whatever the traffic).
 *
 * <p>A key that is not cached is looked up only if its hash is among the keys issued: the directory
 * holds the hashes of all active keys (loaded at first use) and, when a request presents a key it
 * does not know, looks for keys created since its last look. That look starts after the request
 * arrived (so a key just created on another server is found), at most once every {@link
 * #LOOK_SPACING}, and every request waiting meanwhile is answered by the same look. A flood of
 * made-up keys, however many and however distinct, thus costs at most five small queries a second
 * on one connection, never one query per key on the pool the dialer uses; a bad key waits at most
 * {@link #LOOK_WAIT} for its 401.
 */
@ApplicationScoped
public class ApiKeyDirectory {
  /** How often revocations made by other servers are looked for. */
  static final Duration REFRESH_INTERVAL = Duration.ofMillis(500);

  /** Look back further than the last refresh: commits land after their timestamp, clocks drift. */
  private static final Duration REVOCATION_OVERLAP = Duration.ofSeconds(10);

  /** A cached key is checked against the database again after this long, whatever happened. */
  private static final Duration MAX_AGE = Duration.ofMinutes(1);

  /** Least time between two looks for newly issued keys. */
  static final Duration LOOK_SPACING = Duration.ofMillis(200);

  /** Longest a request with an unknown key waits for a look before it is refused. */
  static final Duration LOOK_WAIT = Duration.ofSeconds(2);

  /** Look back further than the last look for new keys: other servers' clocks drift. */
  private static final Duration CREATION_OVERLAP = Duration.ofSeconds(10);

  private static final Duration UNKNOWN_TTL = Duration.ofSeconds(1);
  private static final Duration USE_FLUSH_INTERVAL = Duration.ofSeconds(30);
  private static final int MAX_UNKNOWN = 10_000;
  private static final Logger LOG = Logger.getLogger(ApiKeyDirectory.class.getName());

  private record Cached(ApiKey key, Instant loadedAt) {}

  /** Waits until an instant of {@link #clock}; tests move their clock instead. */
  interface Pacer {
    void waitUntil(Instant instant) throws InterruptedException;
  }

  @Inject ApiKeyStore store;
  @Inject Clock clock;
  Pacer pacer = this::sleepUntil;

  private final Map<String, Cached> known = new ConcurrentHashMap<>();
  private final Map<String, Instant> unknownUntil = new ConcurrentHashMap<>();
  private final Map<String, Boolean> usedSinceFlush = new ConcurrentHashMap<>();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final ReentrantLock looking = new ReentrantLock(true); // fair: no request starves
  private volatile Instant lastLook;
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
      cached = issued(hash, now) ? load(hash, now) : null;
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

  /**
   * Whether a key with this hash was issued and not known to be revoked, after a look at the keys
   * created since the last look that started no earlier than {@code arrived}.
   */
  private boolean issued(KeyHash hash, Instant arrived) {
    if (lastLook != null && issued.contains(hash.value())) {
      return true;
    }
    try {
      if (!looking.tryLock(LOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return false; // looks are backed up: refused, the client may try again
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      Instant last = lastLook;
      if (last == null || last.isBefore(arrived)) {
        if (last != null) {
          pacer.waitUntil(last.plus(LOOK_SPACING));
        }
        Instant start = clock.instant();
        List<KeyHash> found =
            last == null
                ? store.activeHashes()
                : store.activeHashesCreatedSince(last.minus(CREATION_OVERLAP));
        found.forEach(h -> issued.add(h.value()));
        lastLook = start;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not look for newly issued API keys", e);
      return false;
    } finally {
      looking.unlock();
    }
    return issued.contains(hash.value());
  }

  private void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(clock.instant(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  void onRevoked(@Observes ApiKeyRevoked revoked) {
    known.remove(revoked.hash().value());
    issued.remove(revoked.hash().value());
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
      } else if (!known.isEmpty() || !issued.isEmpty()) {
        for (KeyHash hash : store.revokedSince(last.minus(REVOCATION_OVERLAP))) {
          known.remove(hash.value());
          issued.remove(hash.value());
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
