package it.outdial.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Database;
import it.outdial.support.StandardWebhooks;
import it.outdial.support.TestServer;
import it.outdial.support.WebhookReceiver;
import it.outdial.support.WebhookReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Liberty servers on one database dial the same campaigns: caps hold across both, no contact is
 * dialed twice at once, and when one server is killed (kill -9) the other closes its calls as
 * {@code server_lost} within the lease and retries them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final String HOOK = "/cluster-hook";
  private static WebhookReceiver receiver;
  private static String hookId;
  private static String hookSecret;

  private static TestServer a;
  private static TestServer b;
  private static Api api;
  private static String client;
  private static String key;

  @AfterAll
  static void stop() {
    b.close();
    a.close();
    if (receiver != null) {
      receiver.close();
    }
  }

  @BeforeAll
  static void start() {
    a = TestServer.isolatedWithAdminKey("outdial-node-a");
    // calls last a few seconds here, so that some are in flight when a server dies; each server
    // has 4 lines, so a campaign allowed 6 calls needs both
    TestServer.dialingSettings(a)
        .with("OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE", "0.05")
        .with("OUTDIAL_DIALER_CAPACITY", "4");
    a.start();
    b = TestServer.joining("outdial-node-b", a);
    b.start();
    api = a.api();
    client = Clients.newClientId("cluster");
    key = Clients.newKey(a, client, "[\"campaigns\", \"audit\"]");
    // a slow receiver, so that deliveries are waiting and in flight when a server dies
    receiver = new WebhookReceiver().slow(HOOK, 100);
    Reply hook =
        api.post(
            "/api/v1/webhooks",
            "{\"url\": \"%s\", \"events\": [\"call.ended\"]}".formatted(receiver.url(HOOK)),
            "X-API-Key",
            key);
    assertThat(hook.status()).as(hook.body()).isEqualTo(201);
    hookId = hook.json().get("webhook_id").asText();
    hookSecret = hook.json().get("secret").asText();
  }

  private static String create(int maxConcurrent, int contacts, String prefix, int first) {
    StringBuilder phones = new StringBuilder("[");
    for (int i = 0; i < contacts; i++) {
      phones
          .append(i == 0 ? "" : ",")
          .append("{\"phone\": \"%s%04d\"}".formatted(prefix, first + i));
    }
    phones.append("]");
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Cluster test", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "max_concurrent": %d, "contacts": %s}
            """
                .formatted(client, maxConcurrent, phones),
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  private static long number(String sql, Object... parameters) {
    return Database.number(a, sql, parameters);
  }

  @Test
  @Order(2)
  void twoServersShareTheCapAndTheSurvivorReclaimsTheCallsOfAKilledServer() {
    // +1 312 555 0300.. are ordinary numbers: fates drawn from the mix (not 555-01XX or 555-02XX,
    // the simulator's test numbers, the latter with a slow agent)
    String campaign = create(6, 80, "+1312555", 300);
    AtomicLong highest = new AtomicLong();
    await("both servers have calls in flight")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              long open = Database.callsInFlight(a, campaign);
              highest.accumulateAndGet(open, Math::max);
              assertThat(open).as("calls in flight").isLessThanOrEqualTo(6);
              return number(
                      "select count(distinct server_id) from call"
                          + " where campaign_id = ? and ended_at is null",
                      campaign)
                  == 2;
            });
    // the server that placed the newest call in flight dies
    String victim =
        Database.text(
            a,
            "select server_id from call where campaign_id = ? and ended_at is null"
                + " order by started_at desc limit 1",
            campaign);
    String openOfVictim = "select count(*) from call where server_id = ? and ended_at is null";
    // b started after a, so its lease row is the newer one
    boolean victimIsB =
        number(
                "select count(*) from dialer_server where id = ?"
                    + " and started_at = (select max(started_at) from dialer_server)",
                victim)
            == 1;
    TestServer dead = victimIsB ? b : a;
    TestServer survivor = victimIsB ? a : b;
    Instant killedAt = Instant.parse(Database.text(a, "select to_json(now())#>>'{}'"));
    dead.liberty().kill();
    long killedNanos = System.nanoTime();

    await("the survivor closes the dead server's calls within 30 s")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> number(openOfVictim, victim) == 0);
    long reclaimSeconds = (System.nanoTime() - killedNanos) / 1_000_000_000L;
    assertThat(reclaimSeconds).isLessThanOrEqualTo(30);

    Api survivorApi = survivor.api();
    await("campaign completed on the survivor")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              long open = Database.callsInFlight(a, campaign);
              assertThat(open).as("calls in flight").isLessThanOrEqualTo(6);
              return survivorApi
                  .get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key)
                  .json()
                  .get("status")
                  .asText()
                  .equals("completed");
            });
    assertThat(highest.get()).isGreaterThan(1);
    assertThat(
            number(
                "select count(*) from call where campaign_id = ? and error_reason = 'server_lost'",
                campaign))
        .as("calls closed as server_lost")
        .isPositive();
    // every contact accounted for: final, and called at least once
    assertThat(Database.openContacts(a, campaign)).isZero();
    assertThat(
            number(
                "select count(*) from contact t where campaign_id = ?"
                    + " and not exists (select 1 from call c where c.contact_id = t.id)",
                campaign))
        .isZero();
    // never two calls of one contact at once
    assertThat(
            number(
                "select count(*) from call x join call y on x.contact_id = y.contact_id"
                    + " and x.id < y.id where x.campaign_id = ?"
                    + " and tstzrange(x.started_at, x.ended_at) && tstzrange(y.started_at,"
                    + " y.ended_at)",
                campaign))
        .isZero();
    long calls = number("select count(*) from call where campaign_id = ?", campaign);
    var stats =
        survivorApi.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key).json();
    assertThat(stats.get("calls_placed").asLong()).isEqualTo(calls);
    assertThat(
            stats.get("human_answers").asLong()
                + stats.get("voicemails").asLong()
                + stats.get("errors").asLong()
                + stats.get("no_answer").asLong())
        .isEqualTo(calls);
    everyCallEndedReachedTheWebhookDespiteTheKill(campaign, killedAt);
  }

  /**
   * Both servers sent webhooks while dialing, one died with deliveries claimed and in flight: every
   * call of the campaign is announced as ended (signed), none lost; an event arrives twice only if
   * it existed before the kill (its delivery was in flight on the dead server, at least once).
   */
  private static void everyCallEndedReachedTheWebhookDespiteTheKill(
      String campaign, Instant killedAt) {
    List<String> calls =
        Database.rows(a, "select id from call where campaign_id = ?", campaign).stream()
            .map(r -> (String) r.get("id"))
            .toList();
    await("a call.ended for every call of the campaign")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> endedCalls().containsAll(calls));
    List<Received> events = receiver.events(HOOK);
    assertThat(events)
        .allSatisfy(r -> assertThat(StandardWebhooks.verifies(r, hookSecret)).isTrue());
    Map<String, Long> times =
        events.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    r -> r.header("webhook-id"), java.util.stream.Collectors.counting()));
    for (var entry : times.entrySet()) {
      if (entry.getValue() > 1) {
        Instant created =
            Instant.parse(
                Database.text(
                    a,
                    "select to_json(created_at)#>>'{}' from webhook_event where id = ?",
                    entry.getKey()));
        assertThat(created).as("event %s sent twice", entry.getKey()).isBefore(killedAt);
      }
    }
    assertThat(
            number(
                "select count(*) from webhook_delivery where endpoint_id = ? and status <> ?",
                hookId,
                "succeeded"))
        .isZero();
    assertThat(
            Database.number(
                a,
                "select count(distinct claimed_by) from webhook_delivery where endpoint_id = ?",
                hookId))
        .as("servers that sent")
        .isGreaterThanOrEqualTo(1);
  }

  private static java.util.Set<String> endedCalls() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    receiver.events(HOOK).forEach(r -> ids.add(r.json().at("/data/call_id").asText()));
    return ids;
  }

  @Test
  @Order(0)
  void aKeysRateLimitHoldsAcrossServers() {
    // contact uploads: 10 a minute per key (the default), on a key of its own
    String uploader = Clients.newKey(a, client, "[\"campaigns\"]");
    // scheduled an hour ahead, so that no call completes it (an upload into a completed campaign
    // is a 409) while a loaded machine takes its time over the uploads
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Cluster uploads", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "contacts": [{"phone": "+14155550120"}],
             "scheduled_start": "%s"}
            """
                .formatted(client, java.time.Instant.now().plusSeconds(3600)),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("status").asText()).isEqualTo("scheduled");
    String campaign = created.json().get("campaign_id").asText();
    String path = "/api/v1/campaigns/" + campaign + "/contacts/json";
    String body = "[{\"phone\": \"+14155550121\"}]";
    for (int i = 0; i < 10; i++) {
      Reply reply = a.api().post(path, body, "X-API-Key", uploader);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
    assertThat(a.api().post(path, body, "X-API-Key", uploader).status()).isEqualTo(429);
    // b learns of a's requests within a fraction of a second: it refuses long before it would
    // have allowed ten of its own
    Api other = b.api();
    AtomicLong allowedOnB = new AtomicLong();
    await("b refuses the key")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Reply reply = other.post(path, body, "X-API-Key", uploader);
              if (reply.status() == 200) {
                allowedOnB.incrementAndGet();
                return false;
              }
              assertThat(reply.status()).as(reply.body()).isEqualTo(429);
              assertThat(reply.json().get("retry_after").asLong()).isBetween(1L, 61L);
              return true;
            });
    assertThat(allowedOnB.get()).as("uploads b allowed").isLessThan(10);
  }

  @Test
  @Order(1)
  void deletingACampaignHangsUpItsCallsInFlight() {
    // 555-0110..0119 answer and are interested: conversations of several seconds here
    String campaign = create(4, 10, "+1415555", 110);
    await("calls in progress")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Database.callsInFlight(a, campaign) > 0);
    Reply deleted = api.delete("/api/v1/campaigns/" + campaign, null, "X-API-Key", key);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/campaigns/" + campaign, "X-API-Key", key).status()).isEqualTo(404);
    await("calls hung up")
        .atMost(Duration.ofSeconds(10))
        .until(() -> Database.callsInFlight(a, campaign) == 0);
    assertThat(
            number(
                "select count(*) from call where campaign_id = ? and disposition = 'cancelled'",
                campaign))
        .isPositive();
    assertThat(Database.openContacts(a, campaign)).isZero();
    assertThat(
            number("select count(*) from campaign where id = ? and status = 'cancelled'", campaign))
        .isEqualTo(1);
  }
}
