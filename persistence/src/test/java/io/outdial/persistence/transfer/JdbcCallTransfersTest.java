package io.outdial.persistence.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.core.transfer.TargetSpec;
import io.outdial.core.transfer.TransferFailure;
import io.outdial.core.transfer.TransferMode;
import io.outdial.core.transfer.TransferStatus;
import io.outdial.persistence.dialing.PlainTransactor;
import io.outdial.persistence.dialing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CallTransfers} on a real PostgreSQL: the atomic pick of a human, callback
 * tasks, the state machine's moves, the events written, and tenant isolation. Every test uses
 * clients of its own.
 */
class JdbcCallTransfersTest {
  private final String server = "srv_" + UUID.randomUUID().toString().replace("-", "");

  private final PlainTransactor tx = new PlainTransactor(TestDatabase.dataSource());
  private final CallTransfers transfers = new JdbcCallTransfers(tx);
  private final TransferTargets targets = new JdbcTransferTargets(tx);
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private final ClientId client = ClientId.of("xfer-" + UUID.randomUUID());
  private final ClientId other = ClientId.of("xfer-" + UUID.randomUUID());
  private int made;

  private TransferTargetId queue(ClientId owner, String name) {
    return written(
        targets.create(
            owner, TransferTargetId.random(), TargetSpec.queue(name, Optional.empty()), next()));
  }

  private TransferTargetId human(
      ClientId owner, String name, AgentStatus status, TransferTargetId... queues) {
    return written(
        targets.create(
            owner,
            TransferTargetId.random(),
            TargetSpec.human(
                name,
                new TargetAddress("sip:" + name.toLowerCase() + "-" + made + "@pbx.example.com"),
                status,
                List.of(queues)),
            next()));
  }

  private Instant next() {
    return now.plusMillis(made++);
  }

  private static TransferTargetId written(TargetWrite write) {
    assertThat(write).isInstanceOf(TargetWrite.Written.class);
    return ((TargetWrite.Written) write).target().id();
  }

  private TransferOrder order(CallId call, Optional<TransferTargetId> target) {
    return new TransferOrder(
        client,
        call,
        target,
        false,
        TransferMode.WARM,
        Optional.of("Wants the premium plan"),
        TransferOrder.Requester.API);
  }

  private TransferRecord accepted(TransferAsk ask) {
    assertThat(ask).isInstanceOf(TransferAsk.Accepted.class);
    return ((TransferAsk.Accepted) ask).transfer();
  }

  @Test
  void aQueueTransferTakesItsLongestAvailableMemberAndMarksThemBusy() throws SQLException {
    subscribe(client);
    TransferTargetId sales = queue(client, "Sales");
    TransferTargetId first = human(client, "First", AgentStatus.AVAILABLE, sales);
    human(client, "Second", AgentStatus.AVAILABLE, sales);
    human(client, "Away", AgentStatus.OFFLINE, sales);
    CallId call = liveCall(client, "+15550100001");

    TransferRecord t = accepted(transfers.request(order(call, Optional.of(sales)), id(), now));

    assertThat(t.human()).contains(first);
    assertThat(t.target()).contains(sales);
    assertThat(t.status()).isEqualTo(TransferStatus.REQUESTED);
    assertThat(t.briefing()).contains("Wants the premium plan");
    assertThat(statusOf(first)).isEqualTo(AgentStatus.BUSY);
    assertThat(events(call)).containsExactly("call.transfer_started");
    assertThat(transfers.pending(server))
        .contains(new TransferWork.Start(t))
        .as("another server holds none of them")
        .isNotEmpty();
    assertThat(transfers.pending("srv_other")).isEmpty();
  }

  @Test
  void theStateMachineMovesOnlyForwardAndAnEndFreesTheHuman() throws SQLException {
    subscribe(client);
    TransferTargetId alice = human(client, "Alice", AgentStatus.AVAILABLE);
    CallId call = liveCall(client, "+15550100002");
    TransferRecord t = accepted(transfers.request(order(call, Optional.of(alice)), id(), now));

    assertThat(transfers.advance(t.id(), TransferStatus.BRIDGED, Optional.empty(), now))
        .as("no bridge before the human answered")
        .isEmpty();
    for (TransferStatus s :
        List.of(TransferStatus.HOLDING, TransferStatus.RINGING_AGENT, TransferStatus.WHISPER)) {
      assertThat(transfers.advance(t.id(), s, Optional.empty(), now)).isPresent();
    }
    TransferRecord bridged =
        transfers.advance(t.id(), TransferStatus.BRIDGED, Optional.empty(), now).orElseThrow();
    assertThat(bridged.bridgedAt()).contains(now);
    assertThat(transfers.pending(server)).isEmpty();
    assertThat(statusOf(alice)).isEqualTo(AgentStatus.BUSY);
    transfers.advance(t.id(), TransferStatus.ENDED, Optional.empty(), now.plusSeconds(9));

    assertThat(statusOf(alice)).isEqualTo(AgentStatus.AVAILABLE);
    assertThat(transfers.ofCall(client, call))
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(TransferStatus.ENDED));
    assertThat(transfers.ofCall(other, call)).as("another client's view").isEmpty();
    assertThat(events(call)).containsExactly("call.transfer_started", "call.transfer_completed");
  }

  @Test
  void aHumanWhoDoesNotAnswerIsFreedAndTheFailureIsAnEvent() throws SQLException {
    subscribe(client);
    TransferTargetId alice = human(client, "Alice", AgentStatus.AVAILABLE);
    CallId call = liveCall(client, "+15550100003");
    TransferRecord t = accepted(transfers.request(order(call, Optional.of(alice)), id(), now));
    transfers.advance(t.id(), TransferStatus.HOLDING, Optional.empty(), now);
    transfers.advance(t.id(), TransferStatus.RINGING_AGENT, Optional.empty(), now);

    TransferRecord failed =
        transfers
            .advance(
                t.id(), TransferStatus.NO_ANSWER, Optional.of(TransferFailure.AGENT_NO_ANSWER), now)
            .orElseThrow();

    assertThat(failed.failure()).contains(TransferFailure.AGENT_NO_ANSWER);
    assertThat(statusOf(alice)).isEqualTo(AgentStatus.AVAILABLE);
    assertThat(events(call)).containsExactly("call.transfer_started", "call.transfer_failed");
    assertThat(accepted(transfers.request(order(call, Optional.of(alice)), id(), now)).human())
        .as("the call may be transferred again")
        .contains(alice);
  }

  @Test
  void nobodyAvailableRecordsACallbackTaskAndAFailedEvent() throws SQLException {
    subscribe(client);
    TransferTargetId sales = queue(client, "Sales");
    human(client, "Busy", AgentStatus.BUSY, sales);
    human(client, "Away", AgentStatus.OFFLINE, sales);
    CallId call = liveCall(client, "+15550100004");

    TransferAsk ask = transfers.request(order(call, Optional.of(sales)), id(), now);

    assertThat(ask).isInstanceOf(TransferAsk.NoAgentAvailable.class);
    String callback = ((TransferAsk.NoAgentAvailable) ask).callbackId();
    assertThat(transfers.pending(server))
        .containsExactly(new TransferWork.AnnounceCallback(callback, call));
    assertThat(events(call)).containsExactly("call.transfer_failed");
    assertThat(eventData(call)).contains("\"reason\": \"no_agents_available\"", callback);
    assertThat(eventData(call)).contains("\"phone\": \"+15550100004\"");
    transfers.announced(callback, now);
    assertThat(transfers.pending(server)).isEmpty();
    assertThat(transfers.ofCall(client, call)).isEmpty();
  }

  @Test
  void callsAndTargetsOfAnotherClientAreNotFound() throws SQLException {
    TransferTargetId theirs = human(other, "Theirs", AgentStatus.AVAILABLE);
    TransferTargetId mine = human(client, "Mine", AgentStatus.AVAILABLE);
    CallId myCall = liveCall(client, "+15550100005");
    CallId theirCall = liveCall(other, "+15550100006");

    assertThat(transfers.request(order(theirCall, Optional.of(mine)), id(), now))
        .isInstanceOf(TransferAsk.CallNotFound.class);
    assertThat(transfers.request(order(myCall, Optional.of(theirs)), id(), now))
        .isEqualTo(new TransferAsk.TargetNotFound("transfer_target_id"));
    assertThat(
            transfers.request(
                new TransferOrder(
                    client,
                    myCall,
                    Optional.of(mine),
                    true,
                    TransferMode.WARM,
                    Optional.empty(),
                    TransferOrder.Requester.API),
                id(),
                now))
        .isEqualTo(new TransferAsk.NotAQueue("queue_id"));
    assertThat(statusOf(theirs)).isEqualTo(AgentStatus.AVAILABLE);
    assertThat(statusOf(mine)).isEqualTo(AgentStatus.AVAILABLE);
  }

  @Test
  void anEndedCallOrOneUnderTransferIsRefused() throws SQLException {
    TransferTargetId a = human(client, "A", AgentStatus.AVAILABLE);
    human(client, "B", AgentStatus.AVAILABLE);
    CallId ended = liveCall(client, "+15550100007");
    sql("update call set ended_at = now(), disposition = 'voicemail' where id = ?", ended.value());
    CallId live = liveCall(client, "+15550100008");

    assertThat(transfers.request(order(ended, Optional.of(a)), id(), now))
        .isInstanceOf(TransferAsk.NotActive.class);
    TransferRecord first = accepted(transfers.request(order(live, Optional.empty()), id(), now));
    assertThat(transfers.request(order(live, Optional.empty()), id(), now))
        .isEqualTo(new TransferAsk.AlreadyTransferring(first));
  }

  @Test
  void concurrentTransfersNeverTakeTheSameHuman() throws Exception {
    TransferTargetId sales = queue(client, "Sales");
    int humans = 3;
    int calls = 8;
    for (int i = 0; i < humans; i++) {
      human(client, "Agent" + i, AgentStatus.AVAILABLE, sales);
    }
    List<CallId> live = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      live.add(liveCall(client, "+1555020%04d".formatted(i)));
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    try {
      List<CompletableFuture<TransferAsk>> asks = new ArrayList<>();
      for (CallId call : live) {
        asks.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                  return transfers.request(order(call, Optional.of(sales)), id(), now);
                },
                pool));
      }
      go.countDown();
      List<TransferAsk> answers = new ArrayList<>();
      for (CompletableFuture<TransferAsk> a : asks) {
        answers.add(a.get(30, TimeUnit.SECONDS));
      }
      Set<TransferTargetId> taken = new HashSet<>();
      int accepted = 0;
      for (TransferAsk a : answers) {
        if (a instanceof TransferAsk.Accepted(TransferRecord t)) {
          accepted++;
          assertThat(taken.add(t.human().orElseThrow())).as("picked twice: " + t.human()).isTrue();
        } else {
          assertThat(a).isInstanceOf(TransferAsk.NoAgentAvailable.class);
        }
      }
      assertThat(accepted).isEqualTo(humans);
    } finally {
      pool.shutdownNow();
    }
  }

  // --- fixtures ---

  private static TransferId id() {
    return TransferId.random();
  }

  private AgentStatus statusOf(TransferTargetId id) {
    return targets
        .find(client, id)
        .or(() -> targets.find(other, id))
        .orElseThrow()
        .status()
        .orElseThrow();
  }

  private static void subscribe(ClientId client) throws SQLException {
    sql(
        "insert into webhook_endpoint (id, client_id, url, secret, event_types, status,"
            + " created_at, updated_at) values (?, ?, 'https://example.com/h', 's',"
            + " array['call.transfer_started', 'call.transfer_completed',"
            + " 'call.transfer_failed'], 'active', now(), now())",
        "wh_" + UUID.randomUUID().toString().replace("-", ""),
        client.value());
  }

  private static List<String> events(CallId call) throws SQLException {
    return column("select type from webhook_event where subject = ? order by id", call.value());
  }

  private static String eventData(CallId call) throws SQLException {
    return String.join(
        "\n", column("select data::text from webhook_event where subject = ?", call.value()));
  }

  private static List<String> column(String query, String arg) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(query)) {
      s.setString(1, arg);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(r.getString(1));
        }
      }
    }
    return found;
  }

  /** An answered call of the client held by this test's server. */
  private CallId liveCall(ClientId owner, String phone) throws SQLException {
    CampaignId campaign = CampaignId.random();
    sql(
        "insert into campaign (id, client_id, name, voice, system_prompt, caller_id,"
            + " max_concurrent, priority, status, created_at)"
            + " values (?, ?, 'Transfer test', 'tara', 'You call.', '+15551234567', 10, 5,"
            + " 'active', now())",
        campaign.value(),
        owner.value());
    CallId id = CallId.random();
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      long contact;
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into contact (campaign_id, phone, variables, created_at)"
                  + " values (?, ?, '{}'::jsonb, now()) returning id")) {
        s.setString(1, campaign.value());
        s.setString(2, phone);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          contact = r.getLong(1);
        }
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into call (id, campaign_id, client_id, contact_id, attempt, started_at,"
                  + " server_id) values (?, ?, ?, ?, 1, now(), ?)")) {
        s.setString(1, id.value());
        s.setString(2, campaign.value());
        s.setString(3, owner.value());
        s.setLong(4, contact);
        s.setString(5, server);
        s.executeUpdate();
      }
    }
    return id;
  }

  private static void sql(String statement, String... args) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }
}
