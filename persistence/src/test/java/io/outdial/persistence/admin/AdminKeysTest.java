package io.outdial.persistence.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.admin.AdminKeyThrottle;
import io.outdial.core.admin.KeyAttempt;
import io.outdial.core.apikey.KeyHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminKeysTest {
  private static final String STORED = "od_admin_the-key-generated-at-the-first-start-0001";
  private static final String ROTATED = "od_admin_the-key-another-server-rotated-to-00002";

  private final TestClock clock = new TestClock();
  private final FakeStore store = new FakeStore();
  private final List<LogRecord> log = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger(AdminKeys.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          log.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private int addresses;

  @BeforeEach
  void captureLog() {
    logger.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    logger.removeHandler(capture);
  }

  // --- ADMIN_API_KEY ----------------------------------------------------------------------------

  @Test
  void aConfiguredKeyShorterThan32CharactersStopsTheStartWithoutBeingLogged() {
    String shortKey = "a-configured-key-of-31-chars-xy";
    assertThat(shortKey).hasSize(31);
    AdminKeys keys = adminKeys(shortKey);

    assertThatThrownBy(() -> keys.start(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ADMIN_API_KEY")
        .hasMessageContaining("32 characters")
        .message()
        .doesNotContain(shortKey);
    assertThat(log)
        .filteredOn(r -> r.getLevel() == Level.SEVERE)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getMessage())
                    .contains("ADMIN_API_KEY", "32 characters")
                    .doesNotContain(shortKey));
    assertThat(log).noneMatch(r -> r.getMessage().contains(shortKey));
    assertThat(keys.attempt(address(), shortKey)).isInstanceOf(KeyAttempt.Wrong.class);
  }

  @Test
  void theMinimumCountsCharactersAfterTrimming() {
    String padded = "   " + "k".repeat(AdminKeys.MIN_CONFIGURED_LENGTH - 1) + "\t ";
    assertThatThrownBy(() -> adminKeys(padded).start(null))
        .isInstanceOf(IllegalStateException.class);
    log.clear();

    String exact = " " + "k".repeat(AdminKeys.MIN_CONFIGURED_LENGTH) + " ";
    AdminKeys keys = adminKeys(exact);
    keys.start(null);
    assertThat(keys.attempt(address(), exact.strip())).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(log).noneMatch(r -> r.getLevel() == Level.SEVERE);
  }

  @Test
  void aConfiguredKeyIsNeverReadFromTheDatabase() {
    store.hash = KeyHash.of(STORED);
    String configured = "k".repeat(40);
    AdminKeys keys = adminKeys(configured);
    keys.start(null);
    clock.advance(Duration.ofMinutes(1));

    assertThat(keys.attempt(address(), configured)).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(keys.attempt(address(), STORED)).isInstanceOf(KeyAttempt.Wrong.class);
    assertThat(store.reads).hasValue(0);
  }

  // --- the stored key, read again -----------------------------------------------------------

  @Test
  void aRotationByAnotherServerTakesEffectWithinTheRefreshInterval() {
    AdminKeys keys = startedOnStoredKey();
    store.hash = KeyHash.of(ROTATED); // another server restarted with OUTDIAL_ADMIN_KEY_ROTATE

    clock.advance(AdminKeys.REFRESH_EVERY.minusMillis(1));
    assertThat(keys.attempt(address(), STORED)).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(keys.attempt(address(), ROTATED)).isInstanceOf(KeyAttempt.Wrong.class);

    clock.advance(Duration.ofMillis(1));
    assertThat(keys.attempt(address(), STORED)).isInstanceOf(KeyAttempt.Wrong.class);
    assertThat(keys.attempt(address(), ROTATED)).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(log).anyMatch(r -> r.getMessage().contains("rotated by another server"));
  }

  @Test
  void theStoredHashIsReadAtMostOncePerInterval() {
    AdminKeys keys = startedOnStoredKey();
    int readsAtStart = store.reads.get();

    for (int i = 0; i < 100; i++) {
      keys.attempt(address(), STORED);
    }
    assertThat(store.reads).as("no query per request").hasValue(readsAtStart);

    clock.advance(AdminKeys.REFRESH_EVERY);
    for (int i = 0; i < 100; i++) {
      keys.attempt(address(), STORED);
    }
    assertThat(store.reads).hasValue(readsAtStart + 1);
  }

  @Test
  void aFailedReadKeepsTheLastKnownKeyAndWarnsWithoutSecrets() {
    AdminKeys keys = startedOnStoredKey();
    store.failure = new IllegalStateException("connection refused");
    clock.advance(AdminKeys.REFRESH_EVERY);

    assertThat(keys.attempt(address(), STORED)).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(log)
        .filteredOn(r -> r.getLevel() == Level.WARNING)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getMessage())
                    .contains("connection refused", "last known one")
                    .doesNotContain(STORED)
                    .doesNotContain(KeyHash.of(STORED).value()));

    int reads = store.reads.get();
    keys.attempt(address(), STORED);
    assertThat(store.reads).as("a failing database is not asked at every request").hasValue(reads);

    store.failure = null;
    store.hash = KeyHash.of(ROTATED);
    clock.advance(AdminKeys.REFRESH_EVERY);
    assertThat(keys.attempt(address(), ROTATED)).isInstanceOf(KeyAttempt.Accepted.class);
  }

  @Test
  void oneRequestReadsWhileTheOthersGoOnWithTheLastKnownKey() throws Exception {
    AdminKeys keys = startedOnStoredKey();
    int readsAtStart = store.reads.get();
    store.hash = KeyHash.of(ROTATED);
    store.block = new CountDownLatch(1);
    clock.advance(AdminKeys.REFRESH_EVERY);

    CompletableFuture<KeyAttempt> reader =
        CompletableFuture.supplyAsync(() -> keys.attempt(address(), ROTATED));
    assertThat(store.entered.await(10, TimeUnit.SECONDS)).as("the read started").isTrue();

    // while that read waits for the database, others neither wait nor query
    assertThat(keys.attempt(address(), STORED)).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(keys.attempt(address(), STORED)).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(store.reads).hasValue(readsAtStart + 1);
    assertThat(reader).isNotDone();

    store.block.countDown();
    assertThat(reader.get(10, TimeUnit.SECONDS)).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(keys.attempt(address(), STORED)).isInstanceOf(KeyAttempt.Wrong.class);
    assertThat(store.reads).hasValue(readsAtStart + 1);
  }

  // --- one throttle ---------------------------------------------------------------------------

  @Test
  void wrongKeysFromAnAddressLockItOutEvenForTheRightKey() {
    AdminKeys keys = startedOnStoredKey();
    String address = "192.0.2.9";
    for (int i = 0; i <= AdminKeyThrottle.FREE_FAILURES; i++) {
      assertThat(keys.attempt(address, "not-the-key")).isInstanceOf(KeyAttempt.Wrong.class);
    }
    assertThat(keys.attempt(address, STORED))
        .isEqualTo(new KeyAttempt.LockedOut(AdminKeyThrottle.FIRST_LOCK));
    assertThat(keys.attempt("192.0.2.10", STORED)).isInstanceOf(KeyAttempt.Accepted.class);

    clock.advance(AdminKeyThrottle.FIRST_LOCK);
    assertThat(keys.attempt(address, STORED)).isInstanceOf(KeyAttempt.Accepted.class);
    assertThat(keys.attempt(address, null)).isInstanceOf(KeyAttempt.Wrong.class);
  }

  // ---------------------------------------------------------------------------------------------

  private AdminKeys startedOnStoredKey() {
    store.hash = KeyHash.of(STORED);
    AdminKeys keys = adminKeys(null);
    keys.start(null);
    return keys;
  }

  private AdminKeys adminKeys(String configured) {
    AdminKeys keys = new AdminKeys();
    keys.configuredKey = Optional.ofNullable(configured);
    keys.rotate = false;
    keys.store = store;
    keys.clock = clock;
    keys.init();
    return keys;
  }

  /** A fresh client address, so that wrong keys in a test do not lock its other attempts out. */
  private synchronized String address() {
    return "198.51.100." + ++addresses;
  }

  /** The stored hash, settable by the test; counts reads and can fail or hold one. */
  private static final class FakeStore extends AdminCredentialStore {
    volatile KeyHash hash;
    volatile RuntimeException failure;
    volatile CountDownLatch block;
    final CountDownLatch entered = new CountDownLatch(1);
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public Optional<KeyHash> current() {
      reads.incrementAndGet();
      CountDownLatch held = block;
      if (held != null) {
        entered.countDown();
        try {
          held.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failure != null) {
        throw failure;
      }
      return Optional.ofNullable(hash);
    }

    @Override
    public synchronized KeyHash storeIfAbsent(KeyHash candidate, Instant at) {
      if (hash == null) {
        hash = candidate;
      }
      return hash;
    }

    @Override
    public void replace(KeyHash replacement, Instant at) {
      hash = replacement;
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
