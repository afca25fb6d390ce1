package it.outdial.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.id.CallId;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Database;
import it.outdial.support.ServerGroup;
import it.outdial.support.TestServer;
import it.outdial.support.WebhookReceiver;
import it.outdial.support.WebhookReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Warm transfer of a live simulated call, with two servers on one database ({@link
 * TestServer#callPair()}, shared with {@code CallEndIT}): {@code dialer} places the calls (the
 * simulator at real time, so a conversation lasts long enough to be transferred) and {@code front}
 * dials nothing and takes the API requests, so every transfer lands on a server that does not hold
 * the call. The simulated human answers, hears the whisper, is bridged with the callee, both speak,
 * and the human hangs up.
 */
@ServerGroup(ServerGroup.CALL_PAIR)
class CallTransferIT {
  private static final String HOOK = "/transfers";

  private static TestServer dialer;
  private static TestServer front;
  private static Api api;
  private static WebhookReceiver receiver;
  private static String client;
  private static String key;
  private static String otherKey;

  @BeforeAll
  static void start() {
    TestServer.CallPair servers = TestServer.callPair();
    dialer = servers.dialer();
    front = servers.front();
    api = front.api();
    client = Clients.newClientId("xfer");
    key = Clients.newKey(front, client, "[\"campaigns\", \"audit\"]");
    otherKey =
        Clients.newKey(front, Clients.newClientId("xfer-other"), "[\"campaigns\", \"audit\"]");
    receiver = new WebhookReceiver();
    Reply hook =
        api.post(
            "/api/v1/webhooks",
            ("{\"url\": \"%s\", \"events\": [\"call.transfer_started\","
                    + " \"call.transfer_completed\", \"call.transfer_failed\", \"call.ended\"]}")
                .formatted(receiver.url(HOOK)),
            "X-API-Key",
            key);
    assertThat(hook.status()).as(hook.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    // the servers stay up for the next class of the pair (TestServer.callPair())
    if (receiver != null) {
      receiver.close();
    }
  }

  /** A campaign of one interested person, attempted once. */
  private static String campaign(String phone) {
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Transfer", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "max_concurrent": 1,
             "retry_policy": {"max_attempts": 1},
             "contacts": [{"phone": "%s"}]}
            """
                .formatted(client, phone),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("campaign_id").asText();
  }

  private static String target(String body) {
    Reply created = api.post("/api/v1/transfer-targets", body, "X-API-Key", key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("target_id").asText();
  }

  private static String liveCall(String campaign) {
    await("a call of " + campaign + " up")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Database.callsInFlight(dialer, campaign) == 1);
    return Database.text(
        dialer, "select id from call where campaign_id = ? and ended_at is null", campaign);
  }

  private static Reply transfer(String call, String body, String apiKey) {
    return api.post("/api/v1/calls/" + call + "/transfer", body, "X-API-Key", apiKey);
  }

  private static JsonNode endedRecord(String call) {
    await("call " + call + " ended")
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              Reply r = api.get("/api/v1/audit/" + call, "X-API-Key", key);
              return r.status() == 200 && !r.json().get("ended_at").isNull();
            });
    return api.get("/api/v1/audit/" + call, "X-API-Key", key).json();
  }

  private static List<String> eventTypes(String call) {
    List<String> types = new ArrayList<>();
    for (Received r : receiver.events(HOOK)) {
      if (r.json().at("/data/call_id").asText().equals(call)) {
        types.add(r.type());
      }
    }
    return types;
  }

  private static JsonNode event(String call, String type) {
    return receiver.events(HOOK).stream()
        .filter(r -> r.type().equals(type))
        .filter(r -> r.json().at("/data/call_id").asText().equals(call))
        .findFirst()
        .orElseThrow()
        .json()
        .get("data");
  }

  private static String statusOf(String target) {
    return api.get("/api/v1/transfer-targets/" + target, "X-API-Key", key)
        .json()
        .get("status")
        .asText();
  }

  @Test
  void aLiveCallIsHeldWhisperedBridgedAndTheTranscriptGoesOnWithBothParties() {
    String queue = target("{\"type\": \"queue\", \"name\": \"Recruiters\"}");
    String dana =
        target(
            ("{\"type\": \"human\", \"name\": \"Dana\", \"address\": \"sip:dana@pbx.example.com\","
                    + " \"status\": \"available\", \"queue_ids\": [\"%s\"]}")
                .formatted(queue));
    String call = liveCall(campaign("+12125550110"));

    Reply accepted =
        transfer(
            call,
            "{\"queue_id\": \"%s\", \"briefing\": \"Wants the night shift\"}".formatted(queue),
            key);

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    JsonNode body = accepted.json();
    assertThat(body.get("transfer_id").asText()).startsWith("xfer_");
    assertThat(body.get("call_id").asText()).isEqualTo(call);
    assertThat(body.get("status").asText()).isEqualTo("requested");
    assertThat(body.get("mode").asText()).isEqualTo("warm");
    assertThat(body.get("human_id").asText()).isEqualTo(dana);
    assertThat(body.get("transfer_target_id").asText()).isEqualTo(queue);
    assertThat(statusOf(dana)).as("taken at once").isEqualTo("busy");
    Reply twice = transfer(call, "{\"transfer_target_id\": \"%s\"}".formatted(dana), key);
    assertThat(twice.status()).as(twice.body()).isEqualTo(409);

    JsonNode record = endedRecord(call);
    JsonNode transfers = record.get("transfers");
    assertThat(transfers).hasSize(1);
    assertThat(transfers.get(0).get("status").asText()).isEqualTo("ended");
    assertThat(transfers.get(0).get("bridged_at").isNull()).isFalse();
    assertThat(record.get("disposition").asText()).isEqualTo("human_interested");
    assertThat(record.get("end_reason").asText()).isEqualTo("remote_hang_up");
    List<String> roles = new ArrayList<>();
    List<String> words = new ArrayList<>();
    record.get("transcript").forEach(t -> roles.add(t.get("role").asText()));
    record.get("transcript").forEach(t -> words.add(t.get("content").asText()));
    int hold = words.indexOf("Please hold for a moment while I connect you with a colleague.");
    assertThat(hold).as("the callee was put on hold: %s", words).isNotNegative();
    assertThat(roles.subList(hold + 1, roles.size()))
        .as("after the hold, the human and the callee: %s", words)
        .containsExactly("human_agent", "user", "human_agent");
    assertThat(statusOf(dana)).as("freed when the call ended").isEqualTo("available");

    await("transfer events of " + call)
        .atMost(Duration.ofSeconds(30))
        .until(() -> eventTypes(call).contains("call.transfer_completed"));
    assertThat(eventTypes(call)).contains("call.transfer_started", "call.transfer_completed");
    JsonNode completed = event(call, "call.transfer_completed");
    assertThat(completed.get("transfer_id").asText()).isEqualTo(body.get("transfer_id").asText());
    assertThat(completed.get("status").asText()).isEqualTo("bridged");
    assertThat(completed.get("human_id").asText()).isEqualTo(dana);
  }

  @Test
  void withNobodyFreeTheAnswerIs503ACallbackIsRecordedAndTheCalleeIsTold() {
    String queue = target("{\"type\": \"queue\", \"name\": \"Closers\"}");
    target(
        ("{\"type\": \"human\", \"name\": \"Eli\", \"address\": \"sip:eli@pbx.example.com\","
                + " \"status\": \"busy\", \"queue_ids\": [\"%s\"]}")
            .formatted(queue));
    String call = liveCall(campaign("+12125550112"));

    Reply refused = transfer(call, "{\"queue_id\": \"%s\"}".formatted(queue), key);

    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
    assertThat(refused.json().get("detail").asText())
        .isEqualTo("No agents available in target queue");
    String callback = refused.json().get("callback_id").asText();
    assertThat(callback).startsWith("cb_");
    JsonNode record = endedRecord(call);
    assertThat(record.get("transcript").toString()).contains("Someone will call you back shortly");
    assertThat(record.get("disposition").asText()).isEqualTo("callback_requested");
    assertThat(record.get("transfers")).isEmpty();
    await("call.transfer_failed of " + call)
        .atMost(Duration.ofSeconds(30))
        .until(() -> eventTypes(call).contains("call.transfer_failed"));
    JsonNode failed = event(call, "call.transfer_failed");
    assertThat(failed.get("reason").asText()).isEqualTo("no_agents_available");
    assertThat(failed.at("/callback/callback_id").asText()).isEqualTo(callback);
    assertThat(failed.at("/callback/phone").asText()).isEqualTo("+12125550112");
    assertThat(
            Database.text(
                dialer, "select announced_at::text from transfer_callback where id = ?", callback))
        .as("the server holding the call told the callee")
        .isNotNull();
  }

  @Test
  void refusalsNameTheProblemAndAnotherClientFindsNothing() {
    String dana =
        target(
            "{\"type\": \"human\", \"name\": \"Fay\", \"address\": \"sip:fay@pbx.example.com\","
                + " \"status\": \"available\"}");
    String call = liveCall(campaign("+12125550113"));
    try {
      Reply foreign = transfer(call, "{\"transfer_target_id\": \"%s\"}".formatted(dana), otherKey);
      Reply unknown =
          transfer(
              CallId.random().value(), "{\"transfer_target_id\": \"%s\"}".formatted(dana), key);
      Reply noTarget = transfer(call, "{}", key);
      Reply badMode =
          transfer(
              call, "{\"transfer_target_id\": \"%s\", \"mode\": \"hot\"}".formatted(dana), key);
      Reply notAQueue = transfer(call, "{\"queue_id\": \"%s\"}".formatted(dana), key);
      Reply missing = transfer(call, "{\"transfer_target_id\": \"target_nobody\"}", key);

      assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
      assertThat(foreign.json().get("detail").asText()).isEqualTo("Call not found");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(noTarget.status()).isEqualTo(400);
      assertThat(noTarget.json().get("detail").asText()).contains("transfer_target_id");
      assertThat(badMode.status()).isEqualTo(400);
      assertThat(badMode.json().get("detail").asText()).contains("mode");
      assertThat(notAQueue.status()).as(notAQueue.body()).isEqualTo(400);
      assertThat(notAQueue.json().get("detail").asText()).contains("queue_id");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().get("detail").asText()).contains("transfer_target_id");
      assertThat(statusOf(dana)).as("nobody was taken").isEqualTo("available");
    } finally {
      assertThat(api.post("/api/v1/calls/" + call + "/end", "", "X-API-Key", key).status())
          .isEqualTo(202);
    }
    endedRecord(call);
    Reply ended = transfer(call, "{\"transfer_target_id\": \"%s\"}".formatted(dana), key);
    assertThat(ended.status()).isEqualTo(409);
    assertThat(ended.json().get("detail").asText()).isEqualTo("Call is not currently active");
  }
}
