package io.outdial.persistence.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.persistence.dialing.PlainTransactor;
import io.outdial.persistence.dialing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IdempotencyKeys} on a real PostgreSQL (the embedded one of the dialing
 * contract tests, migrated by Flyway as the server migrates it). Every test uses keys of its own.
 */
class JdbcIdempotencyKeysTest {
  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration TAKEOVER = Duration.ofMinutes(10);
  private static final byte[] FINGERPRINT = bytes("fingerprint of the first request");
  private static final byte[] OTHER = bytes("fingerprint of another request");

  private final IdempotencyKeys keys =
      new JdbcIdempotencyKeys(new PlainTransactor(TestDatabase.dataSource()));
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static KeyScope scope() {
    return new KeyScope(
        "client-" + UUID.randomUUID(), "POST /api/v1/campaigns", "key-" + UUID.randomUUID());
  }

  private static StoredResponse created() {
    return new StoredResponse(
        201,
        Optional.of("application/json"),
        Map.of("Location", "/api/v1/campaigns/camp_1"),
        bytes("{\"campaign_id\":\"camp_1\"}"));
  }

  private Begin begin(KeyScope scope, byte[] fingerprint, Instant at) {
    return keys.begin(scope, fingerprint, at, DAY, TAKEOVER);
  }

  private Begin.Reserved reserve(KeyScope scope) {
    Begin begin = begin(scope, FINGERPRINT, now);
    assertThat(begin).isInstanceOf(Begin.Reserved.class);
    return (Begin.Reserved) begin;
  }

  @Test
  void theFirstRequestReservesAndItsAnswerIsReplayedByteForByte() {
    KeyScope scope = scope();
    Begin.Reserved reserved = reserve(scope);
    assertThat(reserved.tookOver()).isFalse();

    assertThat(keys.complete(scope, reserved.token(), created(), now)).isTrue();

    Begin again = begin(scope, FINGERPRINT, now.plusSeconds(60));
    assertThat(again).isEqualTo(new Begin.Replay(created()));
    assertThat(((Begin.Replay) again).response().body()).isEqualTo(created().body());
  }

  @Test
  void anAnswerWithoutBodyOrTypeIsReplayedAsSuch() {
    KeyScope scope = scope();
    Begin.Reserved reserved = reserve(scope);
    StoredResponse empty = new StoredResponse(204, Optional.empty(), Map.of(), new byte[0]);
    keys.complete(scope, reserved.token(), empty, now);

    assertThat(begin(scope, FINGERPRINT, now)).isEqualTo(new Begin.Replay(empty));
  }

  @Test
  void theSameKeyForAnotherRequestIsAMismatchWhileRunningAndAfterwards() {
    KeyScope scope = scope();
    Begin.Reserved reserved = reserve(scope);
    assertThat(begin(scope, OTHER, now)).isEqualTo(new Begin.Mismatch());

    keys.complete(scope, reserved.token(), created(), now);
    assertThat(begin(scope, OTHER, now.plusSeconds(1))).isEqualTo(new Begin.Mismatch());
  }

  @Test
  void theSameRequestWhileTheFirstRunsIsInProgressSinceItsReservation() {
    KeyScope scope = scope();
    reserve(scope);

    assertThat(begin(scope, FINGERPRINT, now.plus(TAKEOVER).minusSeconds(1)))
        .isEqualTo(new Begin.InProgress(now));
  }

  @Test
  void aReleasedKeyRunsAgain() {
    KeyScope scope = scope();
    Begin.Reserved first = reserve(scope);
    keys.release(scope, first.token());

    Begin.Reserved second = reserve(scope);
    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(second.tookOver()).isFalse();
  }

  @Test
  void aReservationLeftPastTheTakeoverTimeIsTakenOverAndTheOldRunCanNoLongerFinish() {
    KeyScope scope = scope();
    Begin.Reserved dead = reserve(scope);

    Begin later = begin(scope, FINGERPRINT, now.plus(TAKEOVER));
    assertThat(later).isInstanceOf(Begin.Reserved.class);
    Begin.Reserved takenOver = (Begin.Reserved) later;
    assertThat(takenOver.tookOver()).isTrue();

    // the old run, should it come back, neither stores its answer nor frees the key
    assertThat(keys.complete(scope, dead.token(), created(), now)).isFalse();
    keys.release(scope, dead.token());
    assertThat(begin(scope, FINGERPRINT, now.plus(TAKEOVER).plusSeconds(1)))
        .isEqualTo(new Begin.InProgress(now.plus(TAKEOVER)));

    assertThat(keys.complete(scope, takenOver.token(), created(), now)).isTrue();
    assertThat(begin(scope, FINGERPRINT, now.plus(TAKEOVER).plusSeconds(2)))
        .isEqualTo(new Begin.Replay(created()));
  }

  @Test
  void aStoredAnswerCannotBeReplacedNorReleased() {
    KeyScope scope = scope();
    Begin.Reserved reserved = reserve(scope);
    keys.complete(scope, reserved.token(), created(), now);

    StoredResponse other = new StoredResponse(400, Optional.empty(), Map.of(), bytes("x"));
    assertThat(keys.complete(scope, reserved.token(), other, now)).isFalse();
    keys.release(scope, reserved.token());
    assertThat(begin(scope, FINGERPRINT, now)).isEqualTo(new Begin.Replay(created()));
  }

  @Test
  void anExpiredKeyIsFreeForAnyRequest() {
    KeyScope scope = scope();
    Begin.Reserved first = reserve(scope);
    keys.complete(scope, first.token(), created(), now);

    Begin afterADay = begin(scope, OTHER, now.plus(DAY));
    assertThat(afterADay).isInstanceOf(Begin.Reserved.class);
    assertThat(((Begin.Reserved) afterADay).tookOver()).isFalse();
    assertThat(begin(scope, OTHER, now.plus(DAY).plusSeconds(1)))
        .isEqualTo(new Begin.InProgress(now.plus(DAY)));
  }

  @Test
  void keysOfOtherClientsAndOtherEndpointsAreOtherKeys() {
    KeyScope scope = scope();
    reserve(scope);

    reserve(new KeyScope("another-client", scope.endpoint(), scope.key()));
    reserve(new KeyScope(scope.clientId(), "POST /api/v1/campaigns/c/contacts", scope.key()));
  }

  @Test
  void purgeDeletesExpiredKeysOnly() throws SQLException {
    KeyScope old = scope();
    KeyScope live = scope();
    Instant longAgo = now.minus(DAY).minusSeconds(5);
    assertThat(begin(old, FINGERPRINT, longAgo)).isInstanceOf(Begin.Reserved.class);
    reserve(live);

    int purged = keys.purge(now, 10_000);

    assertThat(purged).isGreaterThanOrEqualTo(1);
    assertThat(rows(old)).isZero();
    assertThat(rows(live)).isOne();
  }

  @Test
  void purgeStopsAtItsLimit() throws SQLException {
    Instant longAgo = now.minus(DAY).minus(DAY);
    List<KeyScope> old = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      KeyScope scope = scope();
      old.add(scope);
      begin(scope, FINGERPRINT, longAgo);
    }
    keys.purge(now, Integer.MAX_VALUE); // whatever other tests left

    for (int i = 0; i < 3; i++) {
      begin(scope(), FINGERPRINT, longAgo);
    }
    assertThat(keys.purge(now, 2)).isEqualTo(2);
    assertThat(keys.purge(now, 2)).isEqualTo(1);
    for (KeyScope scope : old) {
      assertThat(rows(scope)).isZero();
    }
  }

  @Test
  void ofManyConcurrentRequestsWithOneKeyExactlyOneRuns() throws Exception {
    int threads = 24;
    for (int round = 0; round < 5; round++) {
      KeyScope scope = scope();
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Begin>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          answers.add(
              pool.submit(
                  () -> {
                    ready.countDown();
                    go.await();
                    return begin(scope, FINGERPRINT, now);
                  }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Begin> begun = new ArrayList<>();
        for (Future<Begin> answer : answers) {
          begun.add(answer.get(30, TimeUnit.SECONDS));
        }
        assertThat(begun).filteredOn(Begin.Reserved.class::isInstance).hasSize(1);
        assertThat(begun)
            .filteredOn(b -> !(b instanceof Begin.Reserved))
            .hasSize(threads - 1)
            .allMatch(b -> b.equals(new Begin.InProgress(now)));
        assertThat(rows(scope)).isOne();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void concurrentRetriesOfAReleasedKeyStillLetExactlyOneRun() throws Exception {
    int threads = 16;
    KeyScope scope = scope();
    Begin.Reserved first = reserve(scope);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Begin>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return begin(scope, FINGERPRINT, now);
                }));
      }
      go.countDown();
      keys.release(scope, first.token());
      List<Begin> begun = new ArrayList<>();
      for (Future<Begin> answer : answers) {
        begun.add(answer.get(30, TimeUnit.SECONDS));
      }
      // those that came before the release saw it running; of the others exactly one runs
      assertThat(begun).filteredOn(Begin.Reserved.class::isInstance).hasSizeLessThanOrEqualTo(1);
      assertThat(begun)
          .filteredOn(b -> !(b instanceof Begin.Reserved))
          .allMatch(Begin.InProgress.class::isInstance);
      assertThat(rows(scope)).isLessThanOrEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long rows(KeyScope scope) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from idempotency_key where client_id = ? and scope = ?"
                    + " and idem_key = ?")) {
      s.setString(1, scope.clientId());
      s.setString(2, scope.endpoint());
      s.setString(3, scope.key());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
