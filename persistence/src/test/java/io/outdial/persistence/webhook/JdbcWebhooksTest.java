package io.outdial.persistence.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.AttemptVerdict;
import io.outdial.core.webhook.DeliveryStatus;
import io.outdial.core.webhook.DisabledReason;
import io.outdial.core.webhook.EndpointStatus;
import io.outdial.core.webhook.EventType;
import io.outdial.core.webhook.SigningSecret;
import io.outdial.persistence.dialing.PlainTransactor;
import io.outdial.persistence.dialing.TestDatabase;
import io.outdial.persistence.dialing.Transactor;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook ports and the outbox on PostgreSQL. */
class JdbcWebhooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HOLD = Duration.ofSeconds(60);
  private static final Duration DISABLE_AFTER = Duration.ofDays(5);
  private static final ClientId ACME = ClientId.of("acme");
  private static final ClientId OTHER = ClientId.of("other");

  private final Transactor tx = new PlainTransactor(TestDatabase.dataSource());
  private final JdbcWebhookEndpoints endpoints = new JdbcWebhookEndpoints(tx);
  private final JdbcWebhookDeliveries deliveries = new JdbcWebhookDeliveries(tx);
  private final SecureRandom random = new SecureRandom();
  private Instant now = Instant.parse("2026-12-05T10:00:00Z");
  private int calls;

  @BeforeEach
  void empty() {
    TestDatabase.empty();
  }

  @Test
  void anEndpointStartsUnverifiedAndIsItsOwnersAlone() {
    WebhookEndpoint e = endpoint(ACME, EventType.CALL_ENDED);
    assertThat(e.status()).isEqualTo(EndpointStatus.PENDING_VERIFICATION);
    assertThat(endpoints.find(ACME, e.id())).contains(e);
    assertThat(endpoints.find(OTHER, e.id())).isEmpty();
    assertThat(endpoints.list(OTHER, 10, 0).total()).isZero();
    assertThat(endpoints.delete(OTHER, e.id(), now)).isFalse();
    assertThat(endpoints.rotate(OTHER, e.id(), secret(), now, Duration.ofHours(24))).isEmpty();
    assertThat(deliveries.log(OTHER, e.id(), Optional.empty(), 10, 0)).isEmpty();
  }

  @Test
  void eventsAreWrittenOnlyForClientsWithASubscribedEndpointThatIsNotDisabled() throws Exception {
    WebhookEndpoint ended = active(endpoint(ACME, EventType.CALL_ENDED));
    WebhookEndpoint disabled = active(endpoint(ACME, EventType.CALL_ENDED));
    endpoints.disable(ACME, disabled.id(), now);
    String acmeCall = call(ACME);
    String otherCall = call(OTHER);
    inTx(
        c ->
            Outbox.emit(
                c,
                EventType.CALL_ENDED,
                List.of(
                    new Outbox.Event(ACME, acmeCall, null),
                    new Outbox.Event(OTHER, otherCall, null)),
                now));
    inTx(
        c ->
            Outbox.emit(
                c, EventType.CALL_STARTED, List.of(new Outbox.Event(ACME, acmeCall, null)), now));
    assertThat(count("select count(*) from webhook_event")).isEqualTo(1);
    // the writer's transaction writes the event only; a sender makes its deliveries
    assertThat(count("select count(*) from webhook_delivery")).isZero();
    assertThat(count("select count(*) from webhook_event where unexpanded")).isEqualTo(1);
    assertThat(expand(10)).isEqualTo(1);
    assertThat(count("select count(*) from webhook_delivery")).isEqualTo(1);
    assertThat(count("select count(*) from webhook_event where unexpanded")).isZero();
    List<DueDelivery> due = deliveries.claim("s1", now, 10, HOLD);
    assertThat(due).singleElement().satisfies(d -> assertThat(d.endpoint()).isEqualTo(ended.id()));
  }

  @Test
  void deliveriesWaitForTheChallengeAndCarryTheRenderedBody() throws Exception {
    WebhookEndpoint e = endpoint(ACME, EventType.CALL_ENDED);
    String call = call(ACME);
    emit(EventType.CALL_ENDED, ACME, call);
    assertThat(deliveries.claim("s1", now, 10, HOLD)).isEmpty();
    active(e);
    DueDelivery d = deliveries.claim("s1", now, 10, HOLD).getFirst();
    JsonNode body = JSON.readTree(d.body());
    assertThat(body.get("type").asText()).isEqualTo("call.ended");
    assertThat(body.get("id").asText()).isEqualTo(d.eventId()).startsWith("evt_");
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.at("/data/call_id").asText()).isEqualTo(call);
    assertThat(body.at("/data/disposition").asText()).isEqualTo("human_interested");
    assertThat(body.at("/data/transcript/0/content").asText()).isEqualTo("Hello");
    assertThat(body.at("/data/contact/phone").asText()).isEqualTo("+14155550100");
    assertThat(body.at("/data/contact/metadata/crm_id").asText()).isEqualTo("c-1");
    assertThat(d.secrets()).hasSize(1);
  }

  @Test
  void aClaimHoldsItsDeliveriesUntilItLapsesSoADeadSendersWorkIsSentAgain() throws Exception {
    active(endpoint(ACME, EventType.CALL_ENDED));
    emit(EventType.CALL_ENDED, ACME, call(ACME));
    assertThat(deliveries.claim("s1", now, 10, HOLD)).hasSize(1);
    assertThat(deliveries.claim("s2", now.plusSeconds(30), 10, HOLD)).isEmpty();
    List<DueDelivery> again = deliveries.claim("s2", now.plusSeconds(61), 10, HOLD);
    assertThat(again).hasSize(1);
    assertThat(again.getFirst().attemptsMade()).isZero();
  }

  @Test
  void aCallsEventsGoToEachEndpointInOrder() throws Exception {
    WebhookEndpoint e = active(endpoint(ACME, EventType.CALL_STARTED, EventType.CALL_ENDED));
    String call = call(ACME);
    emit(EventType.CALL_STARTED, ACME, call);
    emit(EventType.CALL_ENDED, ACME, call);
    DueDelivery first = deliveries.claim("s1", now, 10, HOLD).getFirst();
    assertThat(JSON.readTree(first.body()).get("type").asText()).isEqualTo("call.started");
    assertThat(JSON.readTree(first.body()).at("/data/disposition").isMissingNode()).isTrue();
    assertThat(deliveries.claim("s2", now, 10, HOLD)).isEmpty();
    // a failed attempt keeps the later event waiting behind it
    record(first, AttemptVerdict.RETRY, 500, Optional.of(now.plusSeconds(5)));
    assertThat(deliveries.claim("s1", now.plusSeconds(1), 10, HOLD)).isEmpty();
    DueDelivery retried = deliveries.claim("s1", now.plusSeconds(5), 10, HOLD).getFirst();
    assertThat(retried.seq()).isEqualTo(first.seq());
    assertThat(retried.attemptsMade()).isEqualTo(1);
    assertThat(retried.body()).isEqualTo(first.body());
    record(retried, AttemptVerdict.DELIVERED, 200, Optional.empty());
    DueDelivery second = deliveries.claim("s1", now.plusSeconds(5), 10, HOLD).getFirst();
    assertThat(JSON.readTree(second.body()).get("type").asText()).isEqualTo("call.ended");
    assertThat(deliveries.log(ACME, e.id(), Optional.of(DeliveryStatus.SUCCEEDED), 10, 0))
        .hasValueSatisfying(p -> assertThat(p.items()).hasSize(1));
  }

  @Test
  void eventAndDeliveryIdsGrowWithTheirCreation() throws Exception {
    active(endpoint(ACME, EventType.CALL_STARTED, EventType.CALL_ENDED));
    List<String> events = new java.util.ArrayList<>();
    List<String> deliveryIds = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String call = call(ACME);
      emit(EventType.CALL_STARTED, ACME, call);
      emit(EventType.CALL_ENDED, ACME, call);
    }
    expand(100);
    inTx(
        c -> {
          try (var s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "select e.id, d.id from webhook_delivery d join webhook_event e"
                          + " on e.id = d.event_id where d.client_id = '"
                          + ACME.value()
                          + "' order by d.seq")) {
            while (r.next()) {
              events.add(r.getString(1));
              deliveryIds.add(r.getString(2));
            }
          }
          return null;
        });
    assertThat(events).hasSize(10).allMatch(id -> id.matches("evt_[0-9a-f]{32}"));
    assertThat(deliveryIds).allMatch(id -> id.matches("dlv_[0-9a-f]{32}"));
    assertThat(events).as("in the order written").isSorted().doesNotHaveDuplicates();
    assertThat(deliveryIds).as("in the order written").isSorted().doesNotHaveDuplicates();
  }

  @Test
  void oneTransactionAtATimeExpandsEventsInTheOrderWrittenForEndpointsMadeBeforeThem()
      throws Exception {
    WebhookEndpoint early = active(endpoint(ACME, EventType.CALL_STARTED, EventType.CALL_ENDED));
    String call = call(ACME);
    emit(EventType.CALL_STARTED, ACME, call);
    emit(EventType.CALL_ENDED, ACME, call);
    // an endpoint made after the events were written does not get them
    now = now.plusSeconds(1);
    active(endpoint(ACME, EventType.CALL_STARTED, EventType.CALL_ENDED));
    try (Connection holder = TestDatabase.dataSource().getConnection()) {
      holder.setAutoCommit(false);
      execute(holder, "select pg_advisory_xact_lock(" + Outbox.EXPANSION_LOCK + ")");
      assertThat(expand(10))
          .as("another transaction is expanding: skipped, not waited for")
          .isZero();
      holder.rollback();
    }
    assertThat(expand(1)).isEqualTo(1);
    assertThat(expand(10)).isEqualTo(1);
    assertThat(expand(10)).isZero();
    List<String> types = new ArrayList<>();
    inTx(
        c -> {
          try (var s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "select e.type, d.endpoint_id from webhook_delivery d join webhook_event e"
                          + " on e.id = d.event_id order by d.seq")) {
            while (r.next()) {
              types.add(r.getString(1) + " " + r.getString(2));
            }
          }
          return null;
        });
    assertThat(types)
        .containsExactly("call.started " + early.id().value(), "call.ended " + early.id().value());
  }

  @Test
  void concurrentSendersNeverClaimTheSameDelivery() throws Exception {
    active(endpoint(ACME, EventType.CALL_ENDED));
    for (int i = 0; i < 200; i++) {
      emit(EventType.CALL_ENDED, ACME, call(ACME));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Long>>> claims = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String sender = "s" + t;
      claims.add(
          pool.submit(
              () -> {
                go.await();
                List<Long> mine = new ArrayList<>();
                for (int round = 0; round < 20; round++) {
                  deliveries.claim(sender, now, 7, HOLD).forEach(d -> mine.add(d.seq()));
                }
                return mine;
              }));
    }
    go.countDown();
    Set<Long> seen = new HashSet<>();
    int total = 0;
    for (Future<List<Long>> f : claims) {
      List<Long> mine = f.get();
      total += mine.size();
      seen.addAll(mine);
    }
    pool.shutdown();
    assertThat(total).isEqualTo(200);
    assertThat(seen).hasSize(200);
  }

  @Test
  void concurrentCreatesNeverPassTheClientsLimit() throws Exception {
    endpoint(ACME, EventType.CALL_ENDED);
    WebhookEndpoint deleted = endpoint(ACME, EventType.CALL_ENDED);
    assertThat(endpoints.delete(ACME, deleted.id(), now)).isTrue();
    endpoint(OTHER, EventType.CALL_ENDED);
    int threads = 12;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Optional<WebhookEndpoint>>> creates = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      creates.add(
          pool.submit(
              () -> {
                go.await();
                return create(ACME, 5, EventType.CALL_STARTED);
              }));
    }
    go.countDown();
    int made = 0;
    for (Future<Optional<WebhookEndpoint>> f : creates) {
      made += f.get().isPresent() ? 1 : 0;
    }
    pool.shutdown();
    // one existed (the deleted one does not count): four more fit, another client's none of ACME's
    assertThat(made).isEqualTo(4);
    assertThat(endpoints.list(ACME, 100, 0).total()).isEqualTo(5);
    assertThat(create(OTHER, 2, EventType.CALL_ENDED)).isPresent();
    assertThat(create(OTHER, 2, EventType.CALL_ENDED)).isEmpty();
  }

  @Test
  void aClaimPreparedWhileTheOutboxWasEmptyDoesNotReadTheWholeBacklog() throws Exception {
    active(endpoint(ACME, EventType.CAMPAIGN_STATUS_CHANGED));
    execute("truncate webhook_delivery, webhook_event");
    execute("analyze webhook_delivery");
    // One connection for every claim, as a pooled server connection: after a few executions the
    // driver prepares the claim on the server, and the session prefers a cached generic plan,
    // which is then planned for an empty outbox
    try (Connection one = TestDatabase.dataSource().getConnection()) {
      execute(one, "set plan_cache_mode = force_generic_plan");
      JdbcWebhookDeliveries sender = new JdbcWebhookDeliveries(new PlainTransactor(kept(one)));
      for (int i = 0; i < 12; i++) {
        assertThat(sender.claim("s1", now, 32, HOLD)).isEmpty();
      }
      List<Outbox.Event> backlog = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        backlog.add(new Outbox.Event(ACME, "camp_" + i, "{\"n\": " + i + "}"));
      }
      inTx(c -> Outbox.emit(c, EventType.CAMPAIGN_STATUS_CHANGED, backlog, now));
      long before = orderedIndexReads(one);
      assertThat(sender.claim("s1", now, 32, HOLD)).hasSize(32);
      long read = orderedIndexReads(one) - before;
      // planned for the backlog it finds: one probe per candidate (a plan made for the empty
      // outbox read every pending entry per candidate: 3 000 x 32 and more)
      assertThat(read).isLessThan(1_000);
    }
  }

  @Test
  void goneDisablesTheEndpointAndEnablingSendsWhatWaited() throws Exception {
    WebhookEndpoint e = active(endpoint(ACME, EventType.CALL_ENDED));
    emit(EventType.CALL_ENDED, ACME, call(ACME));
    DueDelivery d = deliveries.claim("s1", now, 10, HOLD).getFirst();
    record(d, AttemptVerdict.GONE, 410, Optional.empty());
    WebhookEndpoint gone = endpoints.find(ACME, e.id()).orElseThrow();
    assertThat(gone.status()).isEqualTo(EndpointStatus.DISABLED);
    assertThat(gone.disabledReason()).contains(DisabledReason.GONE);
    assertThat(deliveries.claim("s1", now.plusSeconds(60), 10, HOLD)).isEmpty();
    assertThat(endpoints.enable(ACME, e.id(), now.plusSeconds(60)).orElseThrow().status())
        .isEqualTo(EndpointStatus.ACTIVE);
    assertThat(deliveries.claim("s1", now.plusSeconds(60), 10, HOLD))
        .singleElement()
        .satisfies(x -> assertThat(x.seq()).isEqualTo(d.seq()));
  }

  @Test
  void anEndpointFailingLongerThanAllowedIsDisabledAndSaysWhy() throws Exception {
    WebhookEndpoint e = active(endpoint(ACME, EventType.CALL_ENDED));
    emit(EventType.CALL_ENDED, ACME, call(ACME));
    DueDelivery d = deliveries.claim("s1", now, 10, HOLD).getFirst();
    record(d, AttemptVerdict.RETRY, 503, Optional.of(now.plus(6, ChronoUnit.DAYS)));
    assertThat(endpoints.find(ACME, e.id()).orElseThrow().failingSince()).contains(now);
    now = now.plus(6, ChronoUnit.DAYS);
    d = deliveries.claim("s1", now, 10, HOLD).getFirst();
    record(d, AttemptVerdict.RETRY, 503, Optional.empty());
    WebhookEndpoint failing = endpoints.find(ACME, e.id()).orElseThrow();
    assertThat(failing.status()).isEqualTo(EndpointStatus.DISABLED);
    assertThat(failing.disabledReason()).contains(DisabledReason.FAILING);
    assertThat(failing.lastError()).hasValueSatisfying(m -> assertThat(m).contains("503"));
    assertThat(deliveries.log(ACME, e.id(), Optional.empty(), 10, 0).orElseThrow().items())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(DeliveryStatus.FAILED);
              assertThat(r.attempts()).isEqualTo(2);
              assertThat(r.lastStatusCode()).hasValue(503);
            });
  }

  @Test
  void replaySendsTheSameEventAgainAsANewDelivery() throws Exception {
    WebhookEndpoint e = active(endpoint(ACME, EventType.CALL_ENDED));
    emit(EventType.CALL_ENDED, ACME, call(ACME));
    DueDelivery d = deliveries.claim("s1", now, 10, HOLD).getFirst();
    record(d, AttemptVerdict.DELIVERED, 204, Optional.empty());
    assertThat(deliveries.replay(OTHER, e.id(), d.id(), now)).isInstanceOf(Replay.NotFound.class);
    assertThat(deliveries.replay(ACME, e.id(), "dlv_nope", now))
        .isInstanceOf(Replay.NotFound.class);
    Replay r = deliveries.replay(ACME, e.id(), d.id(), now);
    assertThat(r).isInstanceOf(Replay.Queued.class);
    DueDelivery again = deliveries.claim("s1", now, 10, HOLD).getFirst();
    assertThat(again.eventId()).isEqualTo(d.eventId());
    assertThat(again.body()).isEqualTo(d.body());
    assertThat(again.id()).isNotEqualTo(d.id());
    endpoints.disable(ACME, e.id(), now);
    assertThat(deliveries.replay(ACME, e.id(), d.id(), now))
        .isInstanceOf(Replay.EndpointNotActive.class);
  }

  @Test
  void aRotatedOutSecretSignsBesideTheNewOneForTheOverlap() throws Exception {
    WebhookEndpoint e = active(endpoint(ACME, EventType.CALL_ENDED));
    SigningSecret next = secret();
    endpoints.rotate(ACME, e.id(), next, now, Duration.ofHours(24));
    emit(EventType.CALL_ENDED, ACME, call(ACME));
    DueDelivery d = deliveries.claim("s1", now, 10, HOLD).getFirst();
    assertThat(d.secrets()).hasSize(2).first().isEqualTo(next);
    record(d, AttemptVerdict.RETRY, 500, Optional.of(now.plus(25, ChronoUnit.HOURS)));
    assertThat(
            deliveries.claim("s1", now.plus(25, ChronoUnit.HOURS), 10, HOLD).getFirst().secrets())
        .containsExactly(next);
  }

  @Test
  void aCallGivenBackUnplacedWithdrawsItsStart() throws Exception {
    active(endpoint(ACME, EventType.CALL_STARTED));
    String call = call(ACME);
    emit(EventType.CALL_STARTED, ACME, call);
    // withdrawn before a sender expanded it: it never gets a delivery
    inTx(
        c -> {
          Outbox.withdrawStarts(c, List.of(call));
          return null;
        });
    assertThat(deliveries.claim("s1", now, 10, HOLD)).isEmpty();
    assertThat(count("select count(*) from webhook_delivery")).isZero();
    // withdrawn after: its delivery is cancelled
    String expanded = call(ACME);
    emit(EventType.CALL_STARTED, ACME, expanded);
    expand(10);
    inTx(
        c -> {
          Outbox.withdrawStarts(c, List.of(expanded));
          return null;
        });
    assertThat(deliveries.claim("s1", now, 10, HOLD)).isEmpty();
    // one whose row is gone before the withdrawal is cancelled when first claimed
    String lost = call(ACME);
    emit(EventType.CALL_STARTED, ACME, lost);
    execute("delete from call where id = '" + lost + "'");
    assertThat(deliveries.claim("s1", now, 10, HOLD)).isEmpty();
    assertThat(count("select count(*) from webhook_delivery where status = 'cancelled'"))
        .isEqualTo(2);
  }

  @Test
  void campaignChangesAndDeletionOfTheEndpoint() throws Exception {
    WebhookEndpoint e = active(endpoint(ACME, EventType.CAMPAIGN_STATUS_CHANGED));
    CampaignId campaign = CampaignId.parse("camp_x1");
    inTx(
        c -> {
          Outbox.statusChanged(
              c,
              List.of(
                  new Outbox.StatusChange(
                      campaign, ACME, Optional.of(CampaignStatus.QUEUED), CampaignStatus.ACTIVE),
                  new Outbox.StatusChange(
                      campaign, ACME, Optional.of(CampaignStatus.ACTIVE), CampaignStatus.ACTIVE)),
              now);
          return null;
        });
    DueDelivery d = deliveries.claim("s1", now, 10, HOLD).getFirst();
    JsonNode body = JSON.readTree(d.body());
    assertThat(body.at("/data/previous_status").asText()).isEqualTo("queued");
    assertThat(body.at("/data/status").asText()).isEqualTo("active");
    assertThat(endpoints.delete(ACME, e.id(), now)).isTrue();
    assertThat(endpoints.find(ACME, e.id())).isEmpty();
    assertThat(count("select count(*) from webhook_delivery where status = 'cancelled'"))
        .isEqualTo(1);
  }

  @Test
  void aChallengeVerifiesOnlyTheUrlThatWasChallenged() {
    WebhookEndpoint e = endpoint(ACME, EventType.CALL_ENDED);
    VerificationTarget t = deliveries.claimVerifications("s1", now, 10, HOLD).getFirst();
    assertThat(deliveries.claimVerifications("s2", now, 10, HOLD)).isEmpty();
    endpoints.update(
        ACME,
        e.id(),
        new EndpointChange(
            Optional.of("https://moved.example.com/h"), Optional.empty(), Optional.empty()),
        now);
    deliveries.recordVerification(t, true, Optional.empty(), Optional.empty(), now);
    assertThat(endpoints.find(ACME, e.id()).orElseThrow().status())
        .isEqualTo(EndpointStatus.PENDING_VERIFICATION);
    VerificationTarget moved = deliveries.claimVerifications("s1", now, 10, HOLD).getFirst();
    assertThat(moved.url()).isEqualTo("https://moved.example.com/h");
    deliveries.recordVerification(moved, false, Optional.of("answered 404"), Optional.empty(), now);
    WebhookEndpoint failed = endpoints.find(ACME, e.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(EndpointStatus.DISABLED);
    assertThat(failed.disabledReason()).contains(DisabledReason.VERIFICATION_FAILED);
    assertThat(failed.lastError()).contains("answered 404");
  }

  // --- fixtures ---

  @Test
  void thePurgeRemovesFinishedDeliveriesAndEventsPastTheCutoffAndNothingPendingOrRecent()
      throws Exception {
    WebhookEndpoint e = active(endpoint(ACME, EventType.CALL_ENDED));
    WebhookEndpoint others = active(endpoint(OTHER, EventType.CALL_ENDED));
    Instant old = now;
    Map<String, String> calls = new java.util.HashMap<>();
    for (String name : List.of("delivered", "failed", "waiting")) {
      calls.put(name, call(ACME));
      emit(EventType.CALL_ENDED, ACME, calls.get(name));
    }
    calls.put("other's", call(OTHER));
    emit(EventType.CALL_ENDED, OTHER, calls.get("other's"));
    Map<String, DueDelivery> due = byCall(deliveries.claim("s1", now, 10, HOLD));
    assertThat(due).hasSize(4);
    record(due.get(calls.get("delivered")), AttemptVerdict.DELIVERED, 200, Optional.empty());
    record(due.get(calls.get("failed")), AttemptVerdict.RETRY, 500, Optional.empty());
    record(due.get(calls.get("other's")), AttemptVerdict.DELIVERED, 200, Optional.empty());
    // still pending, long after: its endpoint answers 500 and the next attempt is far off
    record(
        due.get(calls.get("waiting")),
        AttemptVerdict.RETRY,
        500,
        Optional.of(old.plus(Duration.ofDays(60))));

    now = old.plus(Duration.ofDays(40));
    String recent = call(ACME);
    emit(EventType.CALL_ENDED, ACME, recent);
    Map<String, DueDelivery> later = byCall(deliveries.claim("s1", now, 10, HOLD));
    assertThat(later).containsOnlyKeys(recent);
    String recentEvent = later.get(recent).eventId();
    record(later.get(recent), AttemptVerdict.DELIVERED, 200, Optional.empty());
    // an event written long ago that no sender has expanded yet
    Instant today = now;
    now = old;
    emit(EventType.CALL_ENDED, ACME, call(ACME));
    now = today;
    long eventsBefore = count("select count(*) from webhook_event");

    Purged purged = deliveries.purge(now.minus(Duration.ofDays(30)), 100);

    assertThat(purged).isEqualTo(new Purged(3, 3, false));
    assertThat(ids("select event_id from webhook_delivery order by seq"))
        .containsExactly(due.get(calls.get("waiting")).eventId(), recentEvent);
    assertThat(count("select count(*) from webhook_event")).isEqualTo(eventsBefore - 3);
    assertThat(ids("select id from webhook_event where unexpanded")).hasSize(1);
    assertThat(deliveries.log(ACME, e.id(), Optional.empty(), 10, 0).orElseThrow().items())
        .extracting(DeliveryRecord::status)
        .containsExactly(DeliveryStatus.SUCCEEDED, DeliveryStatus.PENDING);
    assertThat(deliveries.log(OTHER, others.id(), Optional.empty(), 10, 0).orElseThrow().items())
        .isEmpty();
    assertThat(deliveries.purge(now.minus(Duration.ofDays(30)), 100))
        .as("nothing more to purge")
        .isEqualTo(new Purged(0, 0, false));
  }

  @Test
  void aPurgeTakesAtMostItsBatchOldestFirstAndWaitsForNoOtherServer() throws Exception {
    active(endpoint(ACME, EventType.CALL_ENDED));
    for (int i = 0; i < 3; i++) {
      emit(EventType.CALL_ENDED, ACME, call(ACME));
    }
    List<DueDelivery> due = deliveries.claim("s1", now, 10, HOLD);
    due.forEach(d -> record(d, AttemptVerdict.DELIVERED, 200, Optional.empty()));
    Instant cutoff = now.plusSeconds(1);

    assertThat(deliveries.purge(cutoff, 2)).isEqualTo(new Purged(2, 2, false));
    assertThat(ids("select event_id from webhook_delivery")).containsExactly(due.get(2).eventId());

    // another server purging (or a replay under way) holds the lock: this one skips at once
    try (Connection other = TestDatabase.dataSource().getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement s = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
        s.setLong(1, JdbcWebhookDeliveries.PURGE_LOCK);
        s.executeQuery().close();
      }
      assertThat(deliveries.purge(cutoff, 2)).isEqualTo(Purged.SKIPPED);
      other.rollback();
    }
    assertThat(deliveries.purge(cutoff, 2)).isEqualTo(new Purged(1, 1, false));
    assertThat(count("select count(*) from webhook_delivery")).isZero();
  }

  @Test
  void aReplayWaitsForAPurgeUnderWaySoItsEventIsNotPurgedUnderIt() throws Exception {
    WebhookEndpoint e = active(endpoint(ACME, EventType.CALL_ENDED));
    emit(EventType.CALL_ENDED, ACME, call(ACME));
    DueDelivery d = deliveries.claim("s1", now, 10, HOLD).getFirst();
    record(d, AttemptVerdict.DELIVERED, 200, Optional.empty());
    ExecutorService replaying = Executors.newSingleThreadExecutor();
    try (Connection purger = TestDatabase.dataSource().getConnection()) {
      purger.setAutoCommit(false);
      try (PreparedStatement s = purger.prepareStatement("select pg_advisory_xact_lock(?)")) {
        s.setLong(1, JdbcWebhookDeliveries.PURGE_LOCK);
        s.executeQuery().close();
      }
      Future<Replay> replay = replaying.submit(() -> deliveries.replay(ACME, e.id(), d.id(), now));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  count(
                          "select count(*) from pg_locks where locktype = 'advisory'"
                              + " and not granted")
                      == 1);
      assertThat(replay).isNotDone();
      purger.rollback();
      assertThat(replay.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .isInstanceOf(Replay.Queued.class);
    } finally {
      replaying.shutdownNow();
    }
  }

  private static Map<String, DueDelivery> byCall(List<DueDelivery> due) throws Exception {
    Map<String, DueDelivery> by = new java.util.HashMap<>();
    for (DueDelivery d : due) {
      by.put(JSON.readTree(d.body()).at("/data/call_id").asText(), d);
    }
    return by;
  }

  private List<String> ids(String sql) {
    return inTx(
        c -> {
          List<String> out = new java.util.ArrayList<>();
          try (var s = c.createStatement();
              ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
              out.add(r.getString(1));
            }
          }
          return out;
        });
  }

  private SigningSecret secret() {
    return SigningSecret.generate(random);
  }

  private WebhookEndpoint endpoint(ClientId client, EventType... types) {
    return create(client, 100, types).orElseThrow();
  }

  private Optional<WebhookEndpoint> create(ClientId client, int max, EventType... types) {
    return endpoints.create(
        new NewEndpoint(
            WebhookId.random(),
            client,
            "https://hooks.example.com/" + client.value(),
            Optional.of("test"),
            List.of(types),
            secret()),
        max,
        now);
  }

  private WebhookEndpoint active(WebhookEndpoint e) {
    VerificationTarget t =
        deliveries.claimVerifications("s0", now, 100, HOLD).stream()
            .filter(v -> v.endpoint().equals(e.id()))
            .findFirst()
            .orElseThrow();
    deliveries.recordVerification(t, true, Optional.empty(), Optional.empty(), now);
    WebhookEndpoint verified = endpoints.find(e.client(), e.id()).orElseThrow();
    assertThat(verified.status()).isEqualTo(EndpointStatus.ACTIVE);
    return verified;
  }

  private void record(
      DueDelivery d, AttemptVerdict verdict, int status, Optional<Instant> retryAt) {
    deliveries.record(
        List.of(
            new AttemptRecord(
                d.seq(),
                d.endpoint(),
                verdict,
                OptionalInt.of(status),
                12,
                verdict == AttemptVerdict.DELIVERED
                    ? Optional.empty()
                    : Optional.of("answered " + status),
                retryAt)),
        now,
        DISABLE_AFTER);
  }

  private void emit(EventType type, ClientId client, String subject) throws Exception {
    inTx(c -> Outbox.emit(c, type, List.of(new Outbox.Event(client, subject, null)), now));
  }

  /** A campaign, contact and ended call of {@code client}, as the dialer leaves them. */
  private String call(ClientId client) throws Exception {
    String campaign = "camp_" + client.value() + "x" + (++calls);
    String call = "call_" + client.value() + "x" + calls;
    inTx(
        c -> {
          execute(
              c,
              "insert into campaign (id, client_id, name, voice, system_prompt, caller_id,"
                  + " max_concurrent, priority, status, created_at) values ('"
                  + campaign
                  + "', '"
                  + client.value()
                  + "', 'n', 'tara', 'p', '+14155550199', 1, 5, 'active', now())");
          long contact;
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into contact (campaign_id, phone, first_name, metadata, created_at)"
                      + " values (?, '+14155550100', 'Ada', '{\"crm_id\": \"c-1\"}', now())"
                      + " returning id")) {
            s.setString(1, campaign);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              contact = r.getLong(1);
            }
          }
          execute(
              c,
              "insert into call (id, campaign_id, client_id, contact_id, started_at, ended_at,"
                  + " disposition, duration_s, transcript) values ('"
                  + call
                  + "', '"
                  + campaign
                  + "', '"
                  + client.value()
                  + "', "
                  + contact
                  + ", now(), now(), 'human_interested', 12.5,"
                  + " '[{\"role\": \"agent\", \"content\": \"Hello\"}]')");
          return null;
        });
    return call;
  }

  private int expand(int max) {
    Integer expanded = inTx(c -> Outbox.expand(c, max));
    return expanded;
  }

  private <T> T inTx(Transactor.Work<T> work) {
    return tx.inTransaction("test", work);
  }

  private void execute(String sql) {
    inTx(
        c -> {
          execute(c, sql);
          return null;
        });
  }

  /** Index entries read so far from the per-subject order index, the connection's own included. */
  private static long orderedIndexReads(Connection one) throws SQLException {
    // statistics are flushed by a connection idle outside a transaction
    one.setAutoCommit(true);
    execute(one, "select pg_stat_force_next_flush()");
    execute(one, "select 1"); // the flush happens when the connection goes idle before this
    try (Connection c = TestDatabase.dataSource().getConnection();
        var s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select idx_tup_read from pg_stat_user_indexes"
                    + " where indexrelname = 'webhook_delivery_ordered'")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** A data source that hands out {@code one} every time and never closes it. */
  private static javax.sql.DataSource kept(Connection one) {
    Connection unclosable =
        (Connection)
            java.lang.reflect.Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  try {
                    return method.invoke(one, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return (javax.sql.DataSource)
        java.lang.reflect.Proxy.newProxyInstance(
            javax.sql.DataSource.class.getClassLoader(),
            new Class<?>[] {javax.sql.DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return unclosable;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private long count(String sql) {
    return inTx(
        c -> {
          try (var s = c.createStatement();
              ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
          }
        });
  }
}
