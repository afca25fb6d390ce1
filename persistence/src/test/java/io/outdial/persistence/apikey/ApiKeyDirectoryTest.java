package io.outdial.persistence.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.apikey.ApiKey;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.apikey.KeyHash;
import io.outdial.core.apikey.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The directory's promise under a flood of made-up keys: no query per key, looks for new keys
 * spaced out and shared, and a key issued by another server found by its first request.
 */
class ApiKeyDirectoryTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T10:00:00Z"));
  private final FakeStore store = new FakeStore();
  private final ApiKeyDirectory directory = new ApiKeyDirectory();
  private final ExecutorService threads = Executors.newFixedThreadPool(16);

  ApiKeyDirectoryTest() {
    directory.store = store;
    directory.clock = clock;
    directory.pacer = clock::moveTo; // waiting is moving the clock: no real time passes
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void aThousandDistinctMadeUpKeysCostNoLookUpPerKeyAndLooksAreSpacedOut() {
    String good = store.issue("acme");
    assertThat(directory.authenticate(good)).isPresent();

    for (int i = 0; i < 1_000; i++) {
      assertThat(directory.authenticate(Secrets.newApiKey())).isEmpty();
      clock.advance(Duration.ofMillis(1));
    }

    assertThat(store.findActiveCalls).hasValue(1); // the good key's first use only
    List<Instant> looks = store.looks;
    assertThat(looks).hasSizeGreaterThan(1);
    for (int i = 1; i < looks.size(); i++) {
      assertThat(Duration.between(looks.get(i - 1), looks.get(i)))
          .isGreaterThanOrEqualTo(ApiKeyDirectory.LOOK_SPACING);
    }
    // 1 000 requests over a second of the clock plus the waits: a handful of looks, not 1 000
    assertThat(looks.size())
        .isLessThanOrEqualTo(
            (int)
                    (Duration.between(looks.get(0), clock.instant()).toMillis()
                        / ApiKeyDirectory.LOOK_SPACING.toMillis())
                + 1);
  }

  @Test
  void concurrentRequestsWithUnknownKeysShareOneLook() throws Exception {
    store.issue("acme");
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<ApiKey>>> answers = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      answers.add(
          threads.submit(
              () -> {
                start.await();
                return directory.authenticate(Secrets.newApiKey());
              }));
    }
    start.countDown();
    for (Future<Optional<ApiKey>> answer : answers) {
      assertThat(answer.get()).isEmpty();
    }
    // the clock did not move: every request arrived no later than the first look began
    assertThat(store.looks).hasSize(1);
    assertThat(store.findActiveCalls).hasValue(0);
  }

  @Test
  void aKeyIssuedOnAnotherServerAfterTheLastLookIsFoundByItsFirstRequest() {
    assertThat(directory.authenticate(Secrets.newApiKey())).isEmpty(); // first look: all keys
    clock.advance(Duration.ofMillis(5));

    String fresh = store.issue("beta"); // created elsewhere, after this server's look
    clock.advance(Duration.ofMillis(1));

    assertThat(directory.authenticate(fresh)).map(ApiKey::clientId).contains("beta");
    assertThat(store.looks).hasSize(2);
  }

  @Test
  void aRevokedKeyLeavesTheIssuedSetAndIsNotLookedUpAgain() {
    String key = store.issue("acme");
    assertThat(directory.authenticate(key)).isPresent();
    store.revoke(key, clock.instant());
    directory.onRevoked(new ApiKeyRevoked(KeyHash.of(key)));
    int lookUps = store.findActiveCalls.get();

    clock.advance(Duration.ofSeconds(2));
    assertThat(directory.authenticate(key)).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(directory.authenticate(key)).isEmpty();

    assertThat(store.findActiveCalls).hasValue(lookUps);
  }

  /** The store's queries over a map; counts the per-key look-ups and records when looks happen. */
  private final class FakeStore extends ApiKeyStore {
    final Map<String, ApiKey> active = new ConcurrentHashMap<>();
    final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    final AtomicInteger findActiveCalls = new AtomicInteger();
    final List<Instant> looks = new CopyOnWriteArrayList<>();

    String issue(String client) {
      String raw = Secrets.newApiKey();
      KeyHash hash = KeyHash.of(raw);
      active.put(
          hash.value(),
          new ApiKey(
              hash, client, "key", Set.of(ApiScope.CAMPAIGNS), clock.instant(), Optional.empty()));
      return raw;
    }

    void revoke(String raw, Instant at) {
      String hash = KeyHash.of(raw).value();
      active.remove(hash);
      revoked.put(hash, at);
    }

    @Override
    public Optional<ApiKey> findActive(KeyHash hash) {
      findActiveCalls.incrementAndGet();
      return Optional.ofNullable(active.get(hash.value()));
    }

    @Override
    public List<KeyHash> activeHashes() {
      looks.add(clock.instant());
      return active.keySet().stream().map(KeyHash::new).toList();
    }

    @Override
    public List<KeyHash> activeHashesCreatedSince(Instant since) {
      looks.add(clock.instant());
      return active.values().stream()
          .filter(key -> !key.createdAt().isBefore(since))
          .map(ApiKey::hash)
          .toList();
    }

    @Override
    public List<KeyHash> revokedSince(Instant since) {
      return revoked.entrySet().stream()
          .filter(e -> !e.getValue().isBefore(since))
          .map(e -> new KeyHash(e.getKey()))
          .toList();
    }

    @Override
    public void recordUse(Collection<KeyHash> hashes, Instant at) {}
  }

  /** A clock that moves only when told to. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    synchronized void advance(Duration by) {
      now = now.plus(by);
    }

    synchronized void moveTo(Instant instant) {
      if (instant.isAfter(now)) {
        now = instant;
      }
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
