package it.outdial.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Database;
import it.outdial.support.TestServer;
import it.outdial.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The abandonment rule against the simulator's slow agent (test numbers {@code 555-02XX}: every
 * line of the agent, the greeting too, is heard 4 simulated seconds late, so the person meets 4 s
 * of dead air): a campaign that keeps people waiting is first slowed to half its concurrency, then
 * paused with a visible reason and a {@code campaign.status_changed} event, while a campaign of the
 * same client whose callees hear the agent at once keeps dialing to the end. The server's limits
 * are set low for a short campaign: at most 40 % abandoned, slowing from half of that, judged from
 * 6 live answers on.
 */
class AbandonmentIT {
  private static TestServer server;
  private static Api api;
  private static String key;
  private static String client;

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeAll
  static void start() {
    server = TestServer.isolatedWithAdminKey("outdial-abandonment");
    TestServer.dialingSettings(server)
        .with("OUTDIAL_ABANDONMENT_LIMIT_PERCENT", "40")
        .with("OUTDIAL_ABANDONMENT_SLOW_DOWN_PERCENT", "50")
        .with("OUTDIAL_ABANDONMENT_MINIMUM_LIVE_ANSWERS", "6");
    server.start();
    api = server.api();
    client = Clients.newClientId("abandon");
    key = Clients.newKey(server, client, "[\"campaigns\"]");
  }

  @Test
  void aSlowAgentsCampaignIsSlowedThenPausedWhileAQuickOneOfTheSameClientKeepsDialing() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      slowedThenPaused(receiver);
    }
  }

  private void slowedThenPaused(WebhookReceiver receiver) {
    Reply hook =
        api.post(
            "/api/v1/webhooks",
            "{\"url\": \"%s\",".formatted(receiver.url("/abandonment"))
                + " \"events\": [\"campaign.status_changed\"]}",
            "X-API-Key",
            key);
    assertThat(hook.status()).as(hook.body()).isEqualTo(201);

    // eighteen callees, every third with the slow agent (a third abandoned: slowed, not paused),
    // then ten with the slow agent only (the rate climbs above 40 %: paused)
    List<String> slow = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      slow.add(phone(i < 10 ? "305" : "310", i % 3 == 2, i % 10));
    }
    for (int i = 0; i < 10; i++) {
      slow.add(phone("312", true, i));
    }
    List<String> quick = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      quick.add(phone(List.of("212", "213", "214").get(i / 10), false, i % 10));
    }
    String slowCampaign = create("Slow agent", slow);
    String quickCampaign = create("Quick agent", quick);

    AtomicBoolean sawSlowed = new AtomicBoolean();
    await("the slow agent's campaign is slowed, then paused")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              JsonNode view = view(slowCampaign);
              if (view.get("effective_max_concurrent").asInt() == 1) {
                sawSlowed.set(true);
              }
              return view.get("status").asText().equals("paused");
            });
    assertThat(sawSlowed).as("slowed to half its concurrency before the pause").isTrue();

    JsonNode paused = view(slowCampaign);
    assertThat(paused.get("pause_reason").asText()).isEqualTo("abandonment_rate_exceeded");
    assertThat(paused.get("effective_max_concurrent").asInt()).isEqualTo(2);
    JsonNode stats = stats(slowCampaign);
    assertThat(stats.get("abandonment_rate").asDouble()).isGreaterThan(40.0);
    assertThat(Database.openContacts(server, slowCampaign))
        .as("the contacts left when it was paused are not called")
        .isPositive();
    await("the integrator is told why")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        receiver.events("/abandonment").stream()
                            .map(WebhookReceiver.Received::body)
                            .toList())
                    .as(
                        "events of the campaign stored: %s",
                        Database.rows(
                            server,
                            "select type, data::text from webhook_event where subject = ?",
                            slowCampaign))
                    .anySatisfy(
                        body ->
                            assertThat(body)
                                .contains(
                                    slowCampaign, "\"paused\"", "abandonment_rate_exceeded")));

    // the quick campaign of the same client dialed every contact, never slowed nor paused
    await("the quick agent's campaign completes")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> view(quickCampaign).get("status").asText().equals("completed"));
    JsonNode done = view(quickCampaign);
    assertThat(done.get("pause_reason").isNull()).isTrue();
    assertThat(done.get("effective_max_concurrent").asInt()).isEqualTo(2);
    assertThat(stats(quickCampaign).get("abandonment_rate").asDouble()).isZero();
    assertThat(stats(quickCampaign).get("calls_placed").asLong()).isEqualTo(quick.size());

    // another client's key does not see the campaign
    String otherKey =
        Clients.newKey(server, Clients.newClientId("abandon-other"), "[\"campaigns\"]");
    assertThat(api.get("/api/v1/campaigns/" + slowCampaign, "X-API-Key", otherKey).status())
        .isEqualTo(404);

    // resuming is the integrator's decision: it clears the reason
    Reply resumed = api.post("/api/v1/campaigns/" + slowCampaign + "/resume", "", "X-API-Key", key);
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    assertThat(resumed.json().get("status").asText()).isEqualTo("active");
  }

  /** {@code +1 <area> 555 011<digit>}, or {@code 021<digit>} with the slow agent: interested. */
  private static String phone(String area, boolean slowAgent, int digit) {
    return "+1" + area + "555" + (slowAgent ? "021" : "011") + digit;
  }

  private static String create(String name, List<String> phones) {
    StringBuilder contacts = new StringBuilder();
    for (String phone : phones) {
      contacts
          .append(contacts.isEmpty() ? "" : ", ")
          .append("{\"phone\": \"")
          .append(phone)
          .append("\"}");
    }
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "%s", "system_prompt": "You are a recruiter.",
             "greeting_text": "Hello, this is Acme Staffing.", "caller_id": "+15551234567",
             "max_concurrent": 2, "contacts": [%s]}
            """
                .formatted(client, name, contacts),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("campaign_id").asText();
  }

  private static JsonNode view(String campaign) {
    Reply r = api.get("/api/v1/campaigns/" + campaign, "X-API-Key", key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode stats(String campaign) {
    Reply r = api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }
}
