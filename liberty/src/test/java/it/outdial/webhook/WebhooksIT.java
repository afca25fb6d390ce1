package it.outdial.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.ServerGroup;
import it.outdial.support.StandardWebhooks;
import it.outdial.support.TestServer;
import it.outdial.support.WebhookReceiver;
import it.outdial.support.WebhookReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Webhooks on the shared dialing server (simulated calls), delivered to a receiver on loopback that
 * the server's settings allow: every delivery signed as the Standard Webhooks specification says
 * (checked by {@link StandardWebhooks}, written from the spec), each call's events in order,
 * retries after 500s and timeouts with the same id and body, replay, rotation with both secrets
 * signing, 410 disabling the endpoint, refusals of every destination class, tenant isolation.
 */
@ServerGroup(ServerGroup.DIALING)
class WebhooksIT {
  private static TestServer server;
  private static Api api;
  private static WebhookReceiver receiver;
  private static String client;
  private static String key;
  private static String otherKey;
  private static int paths;

  @BeforeAll
  static void start() {
    server = TestServer.dialing();
    api = server.api();
    receiver = new WebhookReceiver();
    client = Clients.newClientId("hooks");
    key = Clients.newKey(server, client, "[\"campaigns\", \"audit\"]");
    otherKey = Clients.newKey(server, Clients.newClientId("hooks-other"), "[\"campaigns\"]");
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @Test
  void everyCallsEventsArriveSignedInOrderWithTheirOutcome() {
    Endpoint hook = endpoint("call.started", "call.ended", "campaign.status_changed");
    List<String> phones = interested("646", 3);
    String campaign = campaign(phones);

    await("three calls ended and the campaign completed, all delivered")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(hook, "call.ended") == 3
                    && receiver.events(hook.path).stream()
                        .anyMatch(r -> r.json().at("/data/status").asText().equals("completed")));
    List<Received> events = receiver.events(hook.path);
    assertThat(events)
        .allSatisfy(r -> assertThat(StandardWebhooks.verifies(r, hook.secret)).isTrue());
    // each call: started before ended, ended with its outcome and contact
    Map<String, List<String>> byCall = new HashMap<>();
    for (Received r : events) {
      if (r.type().startsWith("call.")) {
        byCall
            .computeIfAbsent(r.json().at("/data/call_id").asText(), k -> new ArrayList<>())
            .add(r.type());
      }
    }
    assertThat(byCall).hasSize(3);
    assertThat(byCall.values())
        .allSatisfy(types -> assertThat(types).containsExactly("call.started", "call.ended"));
    Received ended =
        events.stream().filter(r -> r.type().equals("call.ended")).findFirst().orElseThrow();
    JsonNode data = ended.json().get("data");
    assertThat(data.get("campaign_id").asText()).isEqualTo(campaign);
    // what the webhook says of the call is what its audit record says
    Reply audit = api.get("/api/v1/audit/" + data.get("call_id").asText(), "X-API-Key", key);
    assertThat(audit.status()).as(audit.body()).isEqualTo(200);
    assertThat(data.get("disposition").asText())
        .isNotBlank()
        .isEqualTo(audit.json().get("disposition").asText());
    assertThat(data.get("duration_s").asDouble())
        .isEqualTo(audit.json().get("duration_s").asDouble());
    assertThat(data.get("transcript").isArray()).isTrue();
    assertThat(data.get("transcript").size()).isPositive();
    assertThat(phones).contains(data.at("/contact/phone").asText());
    assertThat(ended.json().get("version").asInt()).isEqualTo(1);
    assertThat(ended.header("webhook-id")).isEqualTo(ended.json().get("id").asText());
    // one id per event; the campaign's moves in order
    assertThat(events.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(events.size());
    List<String> statuses =
        events.stream()
            .filter(r -> r.type().equals("campaign.status_changed"))
            .map(r -> r.json().at("/data/status").asText())
            .toList();
    assertThat(statuses).containsExactly("queued", "active", "completed");
    Reply log = api.get("/api/v1/webhooks/" + hook.id + "/deliveries?limit=100", "X-API-Key", key);
    assertThat(log.status()).as(log.body()).isEqualTo(200);
    assertThat(log.json().get("total").asInt()).isEqualTo(events.size());
    assertThat(log.json().get("deliveries"))
        .allSatisfy(
            d -> {
              assertThat(d.get("status").asText()).isEqualTo("succeeded");
              assertThat(d.get("last_status_code").asInt()).isEqualTo(200);
            });
  }

  @Test
  void failuresAndTimeoutsAreRetriedWithTheSameIdAndBody() {
    Endpoint flaky = endpoint("campaign.status_changed");
    receiver.script(flaky.path, n -> n <= 2 ? 500 : 200).delay(flaky.path, 2_500);
    String campaign = campaign(interested("917", 1));
    await("the first change delivered after two failures")
        .atMost(Duration.ofSeconds(30))
        .until(() -> receiver.events(flaky.path).size() >= 3);
    List<Received> attempts = receiver.events(flaky.path).subList(0, 3);
    assertThat(attempts.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
    assertThat(attempts.stream().map(Received::body).distinct()).hasSize(1);
    assertThat(attempts.getFirst().json().at("/data/campaign_id").asText()).isEqualTo(campaign);
    await("the log shows three attempts and success")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode last =
                  deliveries(flaky)
                      .get("deliveries")
                      .get(deliveries(flaky).get("total").asInt() - 1);
              return last.get("status").asText().equals("succeeded")
                  && last.get("attempts").asInt() == 3;
            });
  }

  @Test
  void aReplaySendsTheSameEventAgainAndRotationSignsWithBothSecrets() {
    Endpoint hook = endpoint("campaign.status_changed");
    campaign(interested("718", 1));
    await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.events(hook.path).isEmpty());
    Received first = receiver.events(hook.path).getFirst();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                deliveries(hook).get("deliveries").size() > 0
                    && lastDelivery(hook).get("status").asText().equals("succeeded"));
    String deliveryId = lastDelivery(hook).get("delivery_id").asText();

    Reply rotated =
        api.post("/api/v1/webhooks/" + hook.id + "/rotate-secret", "", "X-API-Key", key);
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String next = rotated.json().get("secret").asText();
    assertThat(next).startsWith("whsec_").isNotEqualTo(hook.secret);

    int before = receiver.events(hook.path).size();
    Reply replay =
        api.post(
            "/api/v1/webhooks/" + hook.id + "/deliveries/" + deliveryId + "/replay",
            "",
            "X-API-Key",
            key);
    assertThat(replay.status()).as(replay.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                receiver.events(hook.path).stream()
                    .skip(before)
                    .anyMatch(r -> r.header("webhook-id").equals(first.header("webhook-id"))));
    Received again =
        receiver.events(hook.path).stream()
            .skip(before)
            .filter(r -> r.header("webhook-id").equals(first.header("webhook-id")))
            .findFirst()
            .orElseThrow();
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("webhook-signature").split(" ")).hasSize(2);
    assertThat(StandardWebhooks.verifies(again, next)).isTrue();
    assertThat(StandardWebhooks.verifies(again, hook.secret)).isTrue();
    assertThat(StandardWebhooks.verifies(again, "whsec_" + "A".repeat(32))).isFalse();
  }

  @Test
  void goneDisablesTheEndpointUntilItIsEnabledAgain() {
    Endpoint hook = endpoint("campaign.status_changed");
    receiver.script(hook.path, n -> n == 1 ? 410 : 200);
    campaign(interested("303", 1));
    await("disabled as gone")
        .atMost(Duration.ofSeconds(30))
        .until(() -> webhook(hook).get("status").asText().equals("disabled"));
    JsonNode disabled = webhook(hook);
    assertThat(disabled.get("disabled_reason").asText()).isEqualTo("gone");
    Reply enabled = api.post("/api/v1/webhooks/" + hook.id + "/enable", "", "X-API-Key", key);
    assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
    assertThat(enabled.json().get("status").asText()).isEqualTo("active");
    await("the event that met 410 is delivered after enabling")
        .atMost(Duration.ofSeconds(30))
        .until(() -> receiver.events(hook.path).size() >= 2);
    List<Received> events = receiver.events(hook.path);
    assertThat(events.get(1).header("webhook-id")).isEqualTo(events.get(0).header("webhook-id"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://hooks.example.com/x",
        "https://127.0.0.2/x",
        "https://[::1]/x",
        "https://10.1.2.3/x",
        "https://172.16.0.1/x",
        "https://192.168.0.10/x",
        "https://169.254.169.254/latest/meta-data",
        "https://169.254.1.1/x",
        "https://[fe80::1]/x",
        "https://[fd00::1]/x",
        "https://0.0.0.0/x",
        "https://[::ffff:10.0.0.1]/x",
        "ftp://hooks.example.com/x",
        "https://user:pw@hooks.example.com/x"
      })
  void destinationsOutsideThePublicInternetAreRefused(String url) {
    Reply r =
        api.post(
            "/api/v1/webhooks",
            "{\"url\": \"%s\", \"events\": [\"call.ended\"]}".formatted(url),
            "X-API-Key",
            key);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains("url");
  }

  @Test
  void badEventsAreRefusedAndEndpointsAreTheirClientsAlone() {
    Reply unknown =
        api.post(
            "/api/v1/webhooks",
            "{\"url\": \"https://hooks.example.com/x\", \"events\": [\"call.exploded\"]}",
            "X-API-Key",
            key);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("detail").asText())
        .contains("call.exploded")
        .contains("call.ended");
    Reply none =
        api.post(
            "/api/v1/webhooks", "{\"url\": \"https://hooks.example.com/x\"}", "X-API-Key", key);
    assertThat(none.status()).isEqualTo(400);

    Endpoint hook = endpoint("call.ended");
    assertThat(api.get("/api/v1/webhooks/" + hook.id, "X-API-Key", otherKey).status())
        .isEqualTo(404);
    assertThat(
            api.get("/api/v1/webhooks/" + hook.id + "/deliveries", "X-API-Key", otherKey).status())
        .isEqualTo(404);
    assertThat(api.delete("/api/v1/webhooks/" + hook.id, null, "X-API-Key", otherKey).status())
        .isEqualTo(404);
    Reply list = api.get("/api/v1/webhooks", "X-API-Key", otherKey);
    assertThat(list.json().get("total").asInt()).isZero();
    Reply mine = api.get("/api/v1/webhooks/" + hook.id, "X-API-Key", key);
    assertThat(mine.json().has("secret")).isFalse();
    Reply patched =
        api.send(
            "PATCH",
            "/api/v1/webhooks/" + hook.id,
            "{\"events\": [\"call.ended\", \"job.completed\"], \"description\": \"CRM\"}",
            "application/json",
            "X-API-Key",
            key);
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().get("description").asText()).isEqualTo("CRM");
    assertThat(patched.json().get("events")).hasSize(2);
    Reply deleted = api.delete("/api/v1/webhooks/" + hook.id, null, "X-API-Key", key);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(api.get("/api/v1/webhooks/" + hook.id, "X-API-Key", key).status()).isEqualTo(404);
  }

  @Test
  void aRetriedCreateWithTheSameIdempotencyKeyMakesOneEndpoint() {
    String body =
        "{\"url\": \"%s\", \"events\": [\"job.completed\"]}".formatted(receiver.url("/idem"));
    String idempotencyKey = "hook-" + System.nanoTime();
    Reply first =
        api.post("/api/v1/webhooks", body, "X-API-Key", key, "Idempotency-Key", idempotencyKey);
    Reply again =
        api.post("/api/v1/webhooks", body, "X-API-Key", key, "Idempotency-Key", idempotencyKey);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    long made =
        java.util.stream.StreamSupport.stream(
                api.get("/api/v1/webhooks?limit=100", "X-API-Key", key)
                    .json()
                    .get("webhooks")
                    .spliterator(),
                false)
            .filter(w -> w.get("url").asText().equals(receiver.url("/idem")))
            .count();
    assertThat(made).isEqualTo(1);
  }

  // --- helpers ---

  private record Endpoint(String id, String secret, String path) {}

  /** A verified endpoint on a path of its own. */
  private static Endpoint endpoint(String... events) {
    String path = "/hook" + (++paths);
    StringBuilder list = new StringBuilder();
    for (String e : events) {
      list.append(list.isEmpty() ? "" : ", ").append('"').append(e).append('"');
    }
    Reply made =
        api.post(
            "/api/v1/webhooks",
            "{\"url\": \"%s\", \"events\": [%s], \"description\": \"test\"}"
                .formatted(receiver.url(path), list),
            "X-API-Key",
            key);
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(made.json().get("status").asText()).isEqualTo("pending_verification");
    Endpoint e =
        new Endpoint(
            made.json().get("webhook_id").asText(), made.json().get("secret").asText(), path);
    await("endpoint " + e.id + " verified")
        .atMost(Duration.ofSeconds(20))
        .until(() -> webhook(e).get("status").asText().equals("active"));
    return e;
  }

  private static JsonNode webhook(Endpoint e) {
    Reply r = api.get("/api/v1/webhooks/" + e.id, "X-API-Key", key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode deliveries(Endpoint e) {
    Reply r = api.get("/api/v1/webhooks/" + e.id + "/deliveries?limit=100", "X-API-Key", key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** The oldest delivery (the log is newest first). */
  private static JsonNode lastDelivery(Endpoint e) {
    JsonNode list = deliveries(e).get("deliveries");
    return list.get(list.size() - 1);
  }

  private static long count(Endpoint e, String type) {
    Set<String> ids = new HashSet<>();
    receiver.events(e.path).stream()
        .filter(r -> r.type().equals(type))
        .forEach(r -> ids.add(r.header("webhook-id")));
    return ids.size();
  }

  private static String campaign(List<String> phones) {
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Webhook test", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "max_concurrent": 3, "contacts": %s}
            """
                .formatted(client, Contacts.json(phones)),
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  /** Interested callees (done at their first call) of an area code. */
  private static List<String> interested(String area, int count) {
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      phones.add("+1" + area + "555" + String.format("%04d", 110 + i + 10 * paths));
    }
    return phones;
  }
}
