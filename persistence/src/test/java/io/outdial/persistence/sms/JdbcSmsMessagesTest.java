package io.outdial.persistence.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.calling.CallingRules;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.sms.SmsStatus;
import io.outdial.persistence.dialing.PlainTransactor;
import io.outdial.persistence.dialing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SmsMessages} and of the follow-ups queued with calls' outcomes, on a real
 * PostgreSQL (the embedded one of the dialing contract tests, migrated by Flyway).
 */
class JdbcSmsMessagesTest {
  private static final PhoneNumber TO = PhoneNumber.ofE164("+12125550101");
  private static final PhoneNumber FROM = PhoneNumber.ofE164("+12125550199");
  private static final PhoneNumber CALLER_ID = PhoneNumber.ofE164("+12125550100");
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final DataSource db = TestDatabase.dataSource();
  private final SmsMessages messages = new JdbcSmsMessages(new PlainTransactor(db));
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

  @BeforeEach
  void noMessages() throws SQLException {
    update("delete from sms_message");
  }

  private static ClientId client() {
    return ClientId.of("sms-" + UUID.randomUUID());
  }

  private static NewSms sms(ClientId client, PhoneNumber to) {
    return new NewSms(client, to, "Hello", Optional.of(FROM), Optional.empty(), Optional.empty());
  }

  private SmsRecord queued(ClientId client, PhoneNumber to) {
    return ((Enqueued.Queued) messages.enqueue(sms(client, to), now)).message();
  }

  @Test
  void aStoredMessageIsQueuedAndFoundOnlyByItsClient() {
    ClientId client = client();
    SmsRecord stored = queued(client, TO);

    assertThat(stored.id()).startsWith("sms_");
    assertThat(stored.status()).isEqualTo(SmsStatus.QUEUED);
    assertThat(stored.to()).isEqualTo(TO);
    assertThat(stored.from()).isEqualTo(FROM);
    assertThat(stored.text()).isEqualTo("Hello");
    assertThat(stored.createdAt()).isEqualTo(now);
    assertThat(messages.find(client, stored.id())).contains(stored);
    assertThat(messages.find(client(), stored.id())).isEmpty();
  }

  @Test
  void aClientsMessagesAreListedNewestFirstAndByCampaign() throws SQLException {
    ClientId client = client();
    CampaignId campaign = campaign(client, null, null);
    SmsRecord first = queued(client, TO);
    SmsRecord second =
        ((Enqueued.Queued)
                messages.enqueue(
                    new NewSms(
                        client,
                        TO,
                        "Hi",
                        Optional.empty(),
                        Optional.of(campaign),
                        Optional.empty()),
                    now.plusSeconds(1)))
            .message();
    queued(client(), TO);

    assertThat(messages.list(client, Optional.empty(), 10, 0).items())
        .extracting(SmsRecord::id)
        .containsExactly(second.id(), first.id());
    assertThat(messages.list(client, Optional.empty(), 1, 1).items())
        .extracting(SmsRecord::id)
        .containsExactly(first.id());
    assertThat(messages.list(client, Optional.empty(), 1, 1).total()).isEqualTo(2);
    assertThat(messages.list(client, Optional.of(campaign.value()), 10, 0).items())
        .extracting(SmsRecord::id)
        .containsExactly(second.id());
  }

  @Test
  void aNumberOnTheDoNotCallListIsNotStored() throws SQLException {
    ClientId client = client();
    update(
        "insert into do_not_call (client_id, phone, added_at, source) values (?, ?, ?, 'api')",
        client.value(),
        TO.e164(),
        now.atOffset(ZoneOffset.UTC));

    assertThat(messages.enqueue(sms(client, TO), now)).isInstanceOf(Enqueued.OnDoNotCall.class);
    // another client's list does not count
    assertThat(messages.enqueue(sms(client(), TO), now)).isInstanceOf(Enqueued.Queued.class);
    assertThat(count("select count(*) from sms_message where client_id = ?", client.value()))
        .isZero();
  }

  @Test
  void theCampaignsCallerIdIsTheSenderAndAnotherClientsCampaignIsNotFound() throws SQLException {
    ClientId client = client();
    CampaignId campaign = campaign(client, null, null);
    NewSms noFrom =
        new NewSms(client, TO, "Hi", Optional.empty(), Optional.of(campaign), Optional.empty());

    SmsRecord stored = ((Enqueued.Queued) messages.enqueue(noFrom, now)).message();

    assertThat(stored.from()).isEqualTo(CALLER_ID);
    assertThat(stored.campaignId()).contains(campaign.value());
    NewSms foreign =
        new NewSms(client(), TO, "Hi", Optional.empty(), Optional.of(campaign), Optional.empty());
    assertThat(messages.enqueue(foreign, now)).isInstanceOf(Enqueued.CampaignNotFound.class);
    assertThat(messages.enqueue(sms(client, TO).withoutFrom(), now))
        .isInstanceOf(Enqueued.NoSender.class);
  }

  @Test
  void aClaimTakesDueMessagesOnceUntilTheLeaseRunsOut() {
    ClientId client = client();
    SmsRecord a = queued(client, TO);

    List<ClaimedSms> first = messages.claim(10, now, LEASE);
    assertThat(first).extracting(ClaimedSms::id).containsExactly(a.id());
    assertThat(first.get(0).attempts()).isEqualTo(1);
    assertThat(first.get(0).calling()).isEqualTo(CallingRules.SERVER);
    assertThat(messages.claim(10, now.plusSeconds(59), LEASE)).isEmpty();
    // the sender died: another takes it over
    assertThat(messages.claim(10, now.plusSeconds(61), LEASE))
        .extracting(ClaimedSms::attempts)
        .containsExactly(2);
  }

  @Test
  void twoClaimersTakeEachMessageOnce() throws Exception {
    ClientId client = client();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ids.add(queued(client, PhoneNumber.ofE164("+1212555" + String.format("%04d", i))).id());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<String>>> claimers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        claimers.add(
            pool.submit(
                () -> {
                  start.await();
                  List<String> mine = new ArrayList<>();
                  List<ClaimedSms> batch;
                  while (!(batch = messages.claim(7, now, LEASE)).isEmpty()) {
                    batch.forEach(m -> mine.add(m.id()));
                  }
                  return mine;
                }));
      }
      start.countDown();
      List<String> all = new ArrayList<>(claimers.get(0).get(30, TimeUnit.SECONDS));
      all.addAll(claimers.get(1).get(30, TimeUnit.SECONDS));
      assertThat(all).hasSize(200).doesNotHaveDuplicates();
      assertThat(new HashSet<>(all)).isEqualTo(ids);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClaimSaysWhetherTheNumberIsNowOnTheDoNotCallListAndGivesTheCampaignsHours()
      throws SQLException {
    ClientId client = client();
    CampaignId campaign = campaign(client, 540, 1020);
    messages.enqueue(
        new NewSms(client, TO, "Hi", Optional.empty(), Optional.of(campaign), Optional.empty()),
        now);
    update(
        "insert into do_not_call (client_id, phone, added_at, source) values (?, ?, ?, 'api')",
        client.value(),
        TO.e164(),
        now.atOffset(ZoneOffset.UTC));

    ClaimedSms claimed = messages.claim(10, now, LEASE).get(0);

    assertThat(claimed.onDoNotCall()).isTrue();
    assertThat(claimed.calling().hours()).isPresent();
    assertThat(claimed.calling().hours().get().start()).isEqualTo(java.time.LocalTime.of(9, 0));
  }

  @Test
  void aFinishedMessageKeepsItsOutcomeAndIsNotClaimedAgain() {
    ClientId client = client();
    SmsRecord a = queued(client, TO);
    SmsRecord b = queued(client, PhoneNumber.ofE164("+12125550102"));
    SmsRecord c = queued(client, PhoneNumber.ofE164("+12125550103"));
    messages.claim(10, now, LEASE);

    assertThat(messages.sent(a.id(), "smsc-1", now.plusSeconds(1))).isTrue();
    assertThat(messages.failed(b.id(), "bad number", now.plusSeconds(1))).isTrue();
    assertThat(messages.refused(c.id(), "on the do-not-call list", now.plusSeconds(1))).isTrue();
    // a late second sender changes nothing
    assertThat(messages.failed(a.id(), "timeout", now.plusSeconds(2))).isFalse();

    SmsRecord sent = messages.find(client, a.id()).orElseThrow();
    assertThat(sent.status()).isEqualTo(SmsStatus.SENT);
    assertThat(sent.providerMessageId()).contains("smsc-1");
    assertThat(sent.sentAt()).contains(now.plusSeconds(1));
    assertThat(messages.find(client, b.id()).orElseThrow().error()).contains("bad number");
    assertThat(messages.find(client, c.id()).orElseThrow().status()).isEqualTo(SmsStatus.REFUSED);
    assertThat(messages.claim(10, now.plusSeconds(3600), LEASE)).isEmpty();
  }

  @Test
  void aRetriedMessageIsDueAgainAtItsTimeAndAWaitIsNoAttempt() {
    ClientId client = client();
    SmsRecord a = queued(client, TO);
    messages.claim(10, now, LEASE);
    assertThat(messages.retry(a.id(), Optional.empty(), now.plusSeconds(300), now)).isTrue();

    assertThat(messages.claim(10, now.plusSeconds(299), LEASE)).isEmpty();
    ClaimedSms again = messages.claim(10, now.plusSeconds(300), LEASE).get(0);
    assertThat(again.attempts()).isEqualTo(1);
    messages.retry(a.id(), Optional.of("carrier away"), now.plusSeconds(400), now);
    assertThat(messages.find(client, a.id()).orElseThrow().error()).contains("carrier away");
    assertThat(messages.claim(10, now.plusSeconds(400), LEASE).get(0).attempts()).isEqualTo(2);
  }

  @Test
  void aCallEndingWithAFollowUpDispositionQueuesTheRenderedTextOnce() throws SQLException {
    ClientId client = client();
    CampaignId campaign = campaign(client, null, null);
    update(
        "update campaign set sms_follow_up_dispositions = 'voicemail,no_answer',"
            + " sms_follow_up_text = 'Hi {{first_name}}, we called about {{ metadata.role }}.'"
            + " where id = ?",
        campaign.value());
    long contact = contact(campaign, TO, "Ada", "{\"role\": \"the nurse job\"}");
    long other = contact(campaign, PhoneNumber.ofE164("+12125550102"), "Bob", "{}");
    List<SmsFollowUps.Ended> ended =
        List.of(
            new SmsFollowUps.Ended(
                "call-1", client.value(), campaign.value(), contact, "voicemail"),
            new SmsFollowUps.Ended(
                "call-2", client.value(), campaign.value(), other, "human_interested"));

    try (Connection c = db.getConnection()) {
      assertThat(SmsFollowUps.enqueue(c, ended, now)).isEqualTo(1);
      assertThat(SmsFollowUps.enqueue(c, ended, now)).isZero(); // the same outcome again
    }

    ClaimedSms claimed = messages.claim(10, now, LEASE).get(0);
    assertThat(claimed.to()).isEqualTo(TO);
    assertThat(claimed.from()).isEqualTo(CALLER_ID);
    assertThat(claimed.text()).isEqualTo("Hi Ada, we called about the nurse job.");
    assertThat(count("select count(*) from sms_message where client_id = ?", client.value()))
        .isEqualTo(1);
  }

  private CampaignId campaign(ClientId client, Integer startMinute, Integer endMinute)
      throws SQLException {
    CampaignId id = CampaignId.random();
    update(
        "insert into campaign (id, client_id, name, voice, system_prompt, caller_id,"
            + " max_concurrent, priority, status, created_at, calling_start_minute,"
            + " calling_end_minute) values (?, ?, 'SMS', 'tara', 'Be kind', ?, 1, 5, 'queued',"
            + " ?, ?::smallint, ?::smallint)",
        id.value(),
        client.value(),
        CALLER_ID.e164(),
        now.atOffset(ZoneOffset.UTC),
        startMinute,
        endMinute);
    return id;
  }

  private long contact(CampaignId campaign, PhoneNumber phone, String firstName, String metadata)
      throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into contact (campaign_id, phone, first_name, metadata, created_at)"
                    + " values (?, ?, ?, ?::jsonb, ?) returning id")) {
      s.setString(1, campaign.value());
      s.setString(2, phone.e164());
      s.setString(3, firstName);
      s.setString(4, metadata);
      s.setObject(5, now.atOffset(ZoneOffset.UTC));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private void update(String sql, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  private long count(String sql, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
