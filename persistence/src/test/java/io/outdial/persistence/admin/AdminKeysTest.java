package io.outdial.persistence.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.admin.AdminKeyThrottle;
import io.outdial.core.admin.KeyAttempt;
import io.outdial.core.apikey.KeyHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminKeysTest {
  private static final String STORED = "od_admin_the-key-generated-at-the-first-start-0001";

  private final TestClock clock = new TestClock();
  private final FakeStore store = new FakeStore();

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

  /** The stored hash, settable by the test. */
  private static final class FakeStore extends AdminCredentialStore {
    volatile KeyHash hash;

    @Override
    public Optional<KeyHash> current() {
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
