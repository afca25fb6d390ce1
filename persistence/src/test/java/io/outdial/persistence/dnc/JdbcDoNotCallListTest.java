package io.outdial.persistence.dnc;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dialing.PlainTransactor;
import io.outdial.persistence.dialing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DoNotCallList} on a real PostgreSQL (the embedded one of the dialing
 * contract tests, migrated by Flyway as the server migrates it). Every test uses clients of its
 * own.
 */
class JdbcDoNotCallListTest {
  private static final PhoneNumber A = PhoneNumber.ofE164("+12125550101");
  private static final PhoneNumber B = PhoneNumber.ofE164("+12125550102");
  private static final PhoneNumber C = PhoneNumber.ofE164("+12125550103");

  private final DoNotCallList list =
      new JdbcDoNotCallList(new PlainTransactor(TestDatabase.dataSource()));
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private static ClientId client() {
    return ClientId.of("dnc-" + UUID.randomUUID());
  }

  private static NewDoNotCall number(PhoneNumber phone) {
    return new NewDoNotCall(phone, Optional.empty());
  }

  @Test
  void anAddedNumberIsFoundWithItsSourceTimeAndReason() {
    ClientId client = client();
    Addition addition =
        list.add(
            client, new NewDoNotCall(A, Optional.of("asked by email")), DoNotCallSource.API, now);

    DoNotCallEntry expected =
        new DoNotCallEntry(
            client, A, DoNotCallSource.API, now, Optional.empty(), Optional.of("asked by email"));
    assertThat(addition).isEqualTo(new Addition.Added(expected));
    assertThat(list.find(client, A)).contains(expected);
    assertThat(list.find(client, B)).isEmpty();
  }

  @Test
  void addingAListedNumberAgainKeepsTheFirstEntry() {
    ClientId client = client();
    DoNotCallEntry first = list.add(client, number(A), DoNotCallSource.UPLOAD, now).entry();

    Addition again =
        list.add(
            client,
            new NewDoNotCall(A, Optional.of("second time")),
            DoNotCallSource.API,
            now.plusSeconds(60));

    assertThat(again).isEqualTo(new Addition.AlreadyListed(first));
    assertThat(list.list(client, 10, 0).total()).isEqualTo(1);
  }

  @Test
  void aRemovedNumberIsGoneAndRemovingItAgainSaysSo() {
    ClientId client = client();
    list.add(client, number(A), DoNotCallSource.API, now);
    list.add(client, number(B), DoNotCallSource.API, now);

    assertThat(list.remove(client, A)).isTrue();
    assertThat(list.remove(client, A)).isFalse();
    assertThat(list.find(client, A)).isEmpty();
    assertThat(list.find(client, B)).isPresent();
    assertThat(list.remove(client, C)).isFalse();

    // and it can be added again, as new
    assertThat(list.add(client, number(A), DoNotCallSource.API, now.plusSeconds(1)))
        .isInstanceOf(Addition.Added.class);
  }

  @Test
  void theListIsNewestFirstThenByNumberAndPaged() {
    ClientId client = client();
    list.add(client, number(B), DoNotCallSource.API, now.minusSeconds(30));
    list.add(client, number(C), DoNotCallSource.API, now);
    list.add(client, number(A), DoNotCallSource.API, now);
    list.add(
        client,
        number(PhoneNumber.ofE164("+12125550199")),
        DoNotCallSource.API,
        now.minusSeconds(60));

    Page<DoNotCallEntry> all = list.list(client, 10, 0);
    assertThat(all.total()).isEqualTo(4);
    assertThat(all.items())
        .extracting(e -> e.phone().e164())
        .containsExactly("+12125550101", "+12125550103", "+12125550102", "+12125550199");

    Page<DoNotCallEntry> second = list.list(client, 2, 2);
    assertThat(second.total()).isEqualTo(4);
    assertThat(second.items())
        .extracting(e -> e.phone().e164())
        .containsExactly("+12125550102", "+12125550199");
    assertThat(list.list(client, 2, 4).items()).isEmpty();
  }

  @Test
  void eachClientHasItsOwnList() {
    ClientId acme = client();
    ClientId other = client();
    list.add(acme, number(A), DoNotCallSource.API, now);

    assertThat(list.find(other, A)).isEmpty();
    assertThat(list.list(other, 10, 0)).isEqualTo(new Page<DoNotCallEntry>(List.of(), 0));
    assertThat(list.remove(other, A)).isFalse();
    assertThat(list.find(acme, A)).as("another client's removal leaves it").isPresent();

    // the same number on both lists: two entries, each its client's
    assertThat(list.add(other, number(A), DoNotCallSource.UPLOAD, now))
        .isInstanceOf(Addition.Added.class);
    assertThat(list.find(acme, A).orElseThrow().source()).isEqualTo(DoNotCallSource.API);
    assertThat(list.find(other, A).orElseThrow().source()).isEqualTo(DoNotCallSource.UPLOAD);
    assertThat(list.addAll(acme, List.of(number(B)), DoNotCallSource.UPLOAD, now))
        .isEqualTo(new DoNotCallList.BatchAdded(1, 0));
    assertThat(list.list(other, 10, 0).items())
        .extracting(DoNotCallEntry::phone)
        .containsExactly(A);
  }

  @Test
  void aBatchCountsWhatItAddedAndWhatWasListedOrRepeated() {
    ClientId client = client();
    list.add(client, number(A), DoNotCallSource.API, now.minusSeconds(10));

    DoNotCallList.BatchAdded batch =
        list.addAll(
            client,
            List.of(number(A), number(B), new NewDoNotCall(C, Optional.of("complaint")), number(B)),
            DoNotCallSource.UPLOAD,
            now);

    assertThat(batch).isEqualTo(new DoNotCallList.BatchAdded(2, 2));
    assertThat(list.find(client, A).orElseThrow().source()).isEqualTo(DoNotCallSource.API);
    assertThat(list.find(client, C))
        .contains(
            new DoNotCallEntry(
                client,
                C,
                DoNotCallSource.UPLOAD,
                now,
                Optional.empty(),
                Optional.of("complaint")));
    assertThat(list.addAll(client, List.of(), DoNotCallSource.UPLOAD, now))
        .isEqualTo(new DoNotCallList.BatchAdded(0, 0));
  }

  @Test
  void anOptOutWrittenByTheDialerReadsAsOptOutWithItsCall() throws SQLException {
    ClientId client = client();
    // as OutcomeStatements writes it
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into do_not_call (client_id, phone, added_at, source, call_id)"
                    + " values (?, ?, ?, 'call', ?)")) {
      s.setString(1, client.value());
      s.setString(2, A.e164());
      s.setTimestamp(3, Timestamp.from(now));
      s.setString(4, "call_123");
      s.executeUpdate();
    }

    assertThat(list.find(client, A))
        .contains(
            new DoNotCallEntry(
                client,
                A,
                DoNotCallSource.OPT_OUT,
                now,
                Optional.of("call_123"),
                Optional.empty()));
  }

  @Test
  void concurrentAddsOfOneNumberMakeOneRowAndOneAddition() throws Exception {
    ClientId client = client();
    int threads = 12;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Addition>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return list.add(client, number(A), DoNotCallSource.API, now.plusMillis(n));
                }));
      }
      start.countDown();
      List<Addition> additions = new ArrayList<>();
      for (Future<Addition> result : results) {
        additions.add(result.get(30, TimeUnit.SECONDS));
      }
      List<Addition> added = additions.stream().filter(a -> a instanceof Addition.Added).toList();
      assertThat(added).hasSize(1);
      DoNotCallEntry winner = added.get(0).entry();
      assertThat(additions)
          .filteredOn(a -> a instanceof Addition.AlreadyListed)
          .hasSize(threads - 1)
          .allSatisfy(a -> assertThat(a.entry()).isEqualTo(winner));
    } finally {
      pool.shutdownNow();
    }
    assertThat(rows(client, A)).isEqualTo(1);
  }

  private static long rows(ClientId client, PhoneNumber phone) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from do_not_call where client_id = ? and phone = ?")) {
      s.setString(1, client.value());
      s.setString(2, phone.e164());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
