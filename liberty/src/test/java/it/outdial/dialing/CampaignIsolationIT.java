package it.outdial.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.Database;
import it.outdial.support.DialingInvariants;
import it.outdial.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clients dial on one server at once; pausing or deleting the campaign of one must not touch
 * the other's calls: none of them is hung up as {@code cancelled}, and the other campaign reaches
 * every one of its contacts. A paused campaign starts no call from the moment its pause returned
 * until it is resumed, and the calls it had up finish as they would have.
 *
 * <p>Calls last a few seconds here (the simulator at 0.15 of real time: an interested callee, the
 * fate of every number used, rings and talks for about three seconds), so that both campaigns have
 * calls up when one of them is paused or deleted, and still up when the server next looks at its
 * campaigns (every half second).
 */
class CampaignIsolationIT {
  private static final String CALLS_UP_STARTED_RECENTLY =
      "select count(*) from call where campaign_id = ? and ended_at is null"
          + " and started_at > now() - interval '400 milliseconds'";

  private static TestServer server;
  private static Api api;
  private static String firstClient;
  private static String firstKey;
  private static String secondClient;
  private static String secondKey;

  @BeforeAll
  static void start() {
    server = TestServer.isolatedWithAdminKey("outdial-isolation");
    TestServer.dialingSettings(server).with("OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE", "0.15");
    server.start();
    api = server.api();
    firstClient = Clients.newClientId("isolation-a");
    firstKey = Clients.newKey(server, firstClient, "[\"campaigns\", \"audit\"]");
    secondClient = Clients.newClientId("isolation-b");
    secondKey = Clients.newKey(server, secondClient, "[\"campaigns\", \"audit\"]");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pausingACampaignLeavesAnotherClientsCallsUpAndStartsNoCallUntilResumed() {
    String paused = create(firstClient, firstKey, interested("212", "213"));
    String other = create(secondClient, secondKey, interested("415"));
    awaitBothDialing(paused, other);

    Reply pause = api.post("/api/v1/campaigns/" + paused + "/pause", "", "X-API-Key", firstKey);
    Instant pauseReturned = Instant.now();
    assertThat(pause.status()).as(pause.body()).isEqualTo(200);
    assertThat(pause.json().get("status").asText()).isEqualTo("paused");

    awaitCompleted(other, secondKey);
    assertTheOtherCampaignReachedEveryContact(other, pauseReturned);

    // the paused campaign's calls in progress finish as they would have; no new one starts
    await("the paused campaign's calls in progress finish")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Database.callsInFlight(server, paused) == 0);
    assertThat(stats(paused, firstKey).get("status").asText()).isEqualTo("paused");
    assertThat(Database.openContacts(server, paused))
        .as("contacts of the paused campaign still to call")
        .isPositive();
    assertThat(DialingInvariants.cancelledCalls(server, List.of(paused)))
        .as("calls of the paused campaign hung up by its pause (in-progress calls continue)")
        .isEmpty();
    assertThat(
            Database.number(
                server,
                "select count(*) from call where campaign_id = ? and started_at < ?"
                    + " and ended_at > ?",
                paused,
                pauseReturned,
                pauseReturned))
        .as("calls of the paused campaign up when its pause returned")
        .isPositive();

    Instant resumeSent = Instant.now();
    Reply resume = api.post("/api/v1/campaigns/" + paused + "/resume", "", "X-API-Key", firstKey);
    assertThat(resume.status()).as(resume.body()).isEqualTo(200);
    assertThat(resume.json().get("status").asText()).isEqualTo("active");
    awaitCompleted(paused, firstKey);
    assertThat(DialingInvariants.callsStartedBetween(server, paused, pauseReturned, resumeSent))
        .as(
            "calls of the paused campaign started between its pause's return (%s) and its"
                + " resume (%s)",
            pauseReturned, resumeSent)
        .isEmpty();
    assertThat(DialingInvariants.cancelledCalls(server, List.of(paused))).isEmpty();
    assertThat(DialingInvariants.contactsNotIn(server, List.of(paused), List.of("done")))
        .as("contacts of the paused campaign not reached once resumed")
        .isEmpty();
  }

  @Test
  void deletingACampaignLeavesAnotherClientsCallsUp() {
    String deleted = create(firstClient, firstKey, interested("312", "313"));
    String other = create(secondClient, secondKey, interested("617"));
    awaitBothDialing(deleted, other);

    Reply delete = api.delete("/api/v1/campaigns/" + deleted, null, "X-API-Key", firstKey);
    Instant deleteReturned = Instant.now();
    assertThat(delete.status()).as(delete.body()).isEqualTo(200);
    assertThat(delete.json().get("deleted").asBoolean()).isTrue();

    awaitCompleted(other, secondKey);
    assertTheOtherCampaignReachedEveryContact(other, deleteReturned);

    // the deleted campaign's calls are hung up, its contacts are no longer dialed
    await("the deleted campaign's calls are hung up")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Database.callsInFlight(server, deleted) == 0);
    assertThat(Database.openContacts(server, deleted))
        .as("contacts of the deleted campaign still to call")
        .isZero();
    assertThat(
            DialingInvariants.callsStartedBetween(server, deleted, deleteReturned, Instant.now()))
        .as("calls of the deleted campaign started after its delete returned (%s)", deleteReturned)
        .isEmpty();
    assertThat(api.get("/api/v1/campaigns/" + deleted + "/stats", "X-API-Key", firstKey).status())
        .isEqualTo(404);
  }

  /**
   * The other client's campaign completed with every contact reached at its first call, none hung
   * up; and it did have calls up across the instant the first campaign was paused or deleted.
   */
  private static void assertTheOtherCampaignReachedEveryContact(String other, Instant changed) {
    assertThat(DialingInvariants.cancelledCalls(server, List.of(other)))
        .as("calls of the other client's campaign hung up as cancelled")
        .isEmpty();
    assertThat(
            DialingInvariants.contactsIn(
                server, List.of(other), List.of("cancelled", "pending", "dialing")))
        .as("contacts of the other client's campaign cancelled or never reached")
        .isEmpty();
    assertThat(DialingInvariants.contactsNotIn(server, List.of(other), List.of("done")))
        .as("contacts of the other client's campaign not done")
        .isEmpty();
    assertThat(
            Database.rows(
                server,
                "select t.id, t.phone, count(c.id) as calls,"
                    + " count(c.id) filter (where c.disposition = 'human_interested') as reached"
                    + " from contact t left join call c on c.contact_id = t.id"
                    + " where t.campaign_id = ? group by t.id, t.phone"
                    + " having count(c.id) <> 1"
                    + " or count(c.id) filter (where c.disposition = 'human_interested') <> 1",
                other))
        .as("contacts of the other client's campaign not reached by exactly one call")
        .isEmpty();
    assertThat(
            Database.number(
                server,
                "select count(*) from call where campaign_id = ? and started_at < ?"
                    + " and ended_at > ? + interval '600 milliseconds'",
                other,
                changed,
                changed))
        .as("calls of the other client's campaign up across the change and the next refresh")
        .isPositive();
  }

  /**
   * Waits until both campaigns have a call up that was placed a moment ago (so that it is still up
   * when the server next looks at its campaigns), the other one at least two.
   */
  private static void awaitBothDialing(String changing, String other) {
    await("both campaigns dialing")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                Database.number(server, CALLS_UP_STARTED_RECENTLY, changing) > 0
                    && Database.number(server, CALLS_UP_STARTED_RECENTLY, other) > 0
                    && Database.callsInFlight(server, other) >= 2);
  }

  private static String create(String client, String key, List<String> phones) {
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Isolation test", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "max_concurrent": 3,
             "greeting_text": "Hi, this is Outdial.", "contacts": %s}
            """
                .formatted(client, Contacts.json(phones)),
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().get("contacts_enqueued").asInt()).isEqualTo(phones.size());
    return reply.json().get("campaign_id").asText();
  }

  /** 555-0110..0119 of these area codes: interested callees, done at their first call. */
  private static List<String> interested(String... areas) {
    List<String> phones = new ArrayList<>();
    for (String area : areas) {
      for (int i = 110; i < 120; i++) {
        phones.add("+1" + area + "555" + String.format("%04d", i));
      }
    }
    return phones;
  }

  private static JsonNode stats(String campaign, String key) {
    Reply reply = api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static void awaitCompleted(String campaign, String key) {
    await("campaign " + campaign + " completed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stats(campaign, key).get("status").asText().equals("completed"));
  }
}
