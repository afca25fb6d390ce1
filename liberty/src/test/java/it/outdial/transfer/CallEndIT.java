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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ending a live call on request, with two servers on one database ({@link TestServer#callPair()},
 * shared with {@code CallTransferIT}): {@code dialer} places the calls (the simulator at real time,
 * so a conversation lasts long enough to be ended) and {@code front} dials nothing and takes the
 * API requests, so every request to end a call lands on a server that does not hold it. The
 * call-end policy is 3 a minute there ({@code OUTDIAL_RATE_LIMIT_CALL_END}).
 */
@ServerGroup(ServerGroup.CALL_PAIR)
class CallEndIT {
  private static final String HOOK = "/ended";

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
    client = Clients.newClientId("end");
    key = Clients.newKey(front, client, "[\"campaigns\", \"audit\"]");
    otherKey =
        Clients.newKey(front, Clients.newClientId("end-other"), "[\"campaigns\", \"audit\"]");
    receiver = new WebhookReceiver();
    Reply hook =
        api.post(
            "/api/v1/webhooks",
            "{\"url\": \"%s\", \"events\": [\"call.ended\"]}".formatted(receiver.url(HOOK)),
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

  /** A campaign of one interested person (a long conversation), attempted once. */
  private static String campaign(String phone) {
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "End on request", "system_prompt": "You are a recruiter.",
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

  /** The campaign's call once it is up (placed and not ended). */
  private static String liveCall(String campaign) {
    await("a call of " + campaign + " up")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Database.callsInFlight(dialer, campaign) == 1);
    return Database.text(
        dialer, "select id from call where campaign_id = ? and ended_at is null", campaign);
  }

  private static Reply end(String call, String apiKey) {
    return api.post("/api/v1/calls/" + call + "/end", "", "X-API-Key", apiKey);
  }

  private static JsonNode endedRecord(String call) {
    await("call " + call + " ended")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Reply r = api.get("/api/v1/audit/" + call, "X-API-Key", key);
              return r.status() == 200 && !r.json().get("ended_at").isNull();
            });
    return api.get("/api/v1/audit/" + call, "X-API-Key", key).json();
  }

  @Test
  void aLiveCallIsHungUpByItsServerWhenAnotherServerIsAskedToEndIt() {
    String campaign = campaign("+12125550110");
    String ownKey = Clients.newKey(front, client, "[\"campaigns\"]");
    String call = liveCall(campaign);
    String holder = Database.text(dialer, "select server_id from call where id = ?", call);
    assertThat(holder).as("the dialing server holds the call").isNotNull();

    Reply ending = end(call, ownKey);

    assertThat(ending.status()).as(ending.body()).isEqualTo(202);
    assertThat(ending.json().get("call_id").asText()).isEqualTo(call);
    assertThat(ending.json().get("status").asText()).isEqualTo("ending");
    assertThat(ending.json().get("end_requested_at").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    JsonNode record = endedRecord(call);
    assertThat(record.get("end_reason").asText()).isEqualTo("ended_by_request");
    assertThat(record.get("end_requested_at").asText())
        .isEqualTo(ending.json().get("end_requested_at").asText());
    // the reference document's dispositions, unchanged: what the call had come to
    assertThat(record.get("disposition").asText())
        .isIn("human_interested", "human_not_interested", "no_answer");
    await("the campaign completed: attempted once, not redialed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key)
                    .json()
                    .get("status")
                    .asText()
                    .equals("completed"));
    assertThat(Database.number(dialer, "select count(*) from call where campaign_id = ?", campaign))
        .isEqualTo(1);

    Reply again = end(call, ownKey);
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.json().get("detail").asText()).isEqualTo("Call is not currently active");

    // the call.ended webhook says so too
    await("call.ended of " + call)
        .atMost(Duration.ofSeconds(30))
        .until(() -> ended(call).isPresent());
    JsonNode data = ended(call).orElseThrow().json().get("data");
    assertThat(data.get("end_reason").asText()).isEqualTo("ended_by_request");
    assertThat(data.get("disposition").asText()).isEqualTo(record.get("disposition").asText());
  }

  private static Optional<Received> ended(String call) {
    return receiver.events(HOOK).stream()
        .filter(r -> r.type().equals("call.ended"))
        .filter(r -> r.json().at("/data/call_id").asText().equals(call))
        .findFirst();
  }

  @Test
  void anotherClientsCallOrAnUnknownOneIsNotFoundAndStaysUp() {
    String campaign = campaign("+12125550111");
    String ownKey = Clients.newKey(front, client, "[\"campaigns\"]");
    String call = liveCall(campaign);
    try {
      Reply foreign = end(call, otherKey);
      Reply unknown = end(CallId.random().value(), ownKey);
      Reply malformed = end("not-a-call", ownKey);

      assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
      assertThat(foreign.json().get("detail").asText()).isEqualTo("Call not found");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(malformed.status()).isEqualTo(404);
      assertThat(
              Database.text(dialer, "select end_requested_at::text from call where id = ?", call))
          .as("nothing was recorded")
          .isNull();
    } finally {
      assertThat(end(call, Clients.newKey(front, client, "[\"campaigns\"]")).status())
          .isEqualTo(202);
      assertThat(endedRecord(call).get("end_reason").asText()).isEqualTo("ended_by_request");
    }
  }

  @Test
  void theFourthRequestOfAKeyWithinAMinuteIsRefusedWith429() {
    String ownKey = Clients.newKey(front, client, "[\"campaigns\"]");
    String unknown = CallId.random().value();

    for (int i = 1; i <= 3; i++) {
      Reply allowed = end(unknown, ownKey);
      assertThat(allowed.status()).as("request %d: %s", i, allowed.body()).isEqualTo(404);
      assertThat(allowed.header("RateLimit-Policy")).contains("3;w=60");
    }
    Reply refused = end(unknown, ownKey);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isPresent();
    assertThat(refused.json().get("detail").asText()).contains("Rate limit exceeded");
  }
}
