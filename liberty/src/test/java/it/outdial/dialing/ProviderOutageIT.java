package it.outdial.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Database;
import it.outdial.support.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A telephony provider that refuses every call (the simulator started with {@code outage=true})
 * opens the circuit breaker: dialing holds without losing a contact, readiness reports the provider
 * down, and resuming a campaign answers 502.
 */
class ProviderOutageIT {
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
    server = TestServer.isolatedWithAdminKey("outdial-outage");
    TestServer.dialingSettings(server).with("OUTDIAL_TELEPHONY_SIMULATOR_OUTAGE", "true");
    server.start();
    api = server.api();
    client = Clients.newClientId("outage");
    key = Clients.newKey(server, client, "[\"campaigns\"]");
  }

  @Test
  void anOpenBreakerHoldsDialingLosesNothingAndAnswers502() {
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Outage", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567",
             "contacts": [{"phone": "+12125550110"}, {"phone": "+12125550111"},
                          {"phone": "+12125550112"}]}
            """
                .formatted(client),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String campaign = created.json().get("campaign_id").asText();

    await("readiness reports the provider down")
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/health/ready").status() == 503);
    Reply ready = api.get("/health/ready");
    assertThat(ready.body()).contains("\"telephony\"").contains("DOWN");
    assertThat(ready.body()).doesNotContain("Exception");

    // nothing was lost: no call record, every contact still due and never attempted
    assertThat(Database.number(server, "select count(*) from call where campaign_id = ?", campaign))
        .isZero();
    assertThat(
            Database.number(
                server,
                "select count(*) from contact where campaign_id = ? and status = 'pending'"
                    + " and attempts = 0",
                campaign))
        .isEqualTo(3);
    Reply stats = api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key);
    assertThat(stats.json().get("calls_placed").asLong()).isZero();

    Reply paused = api.post("/api/v1/campaigns/" + campaign + "/pause", "", "X-API-Key", key);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    Reply resumed = api.post("/api/v1/campaigns/" + campaign + "/resume", "", "X-API-Key", key);
    assertThat(resumed.status()).isEqualTo(502);
    assertThat(resumed.json().get("detail").asText()).contains("telephony provider is unavailable");
    assertThat(resumed.json().size()).isEqualTo(1);
    Reply after = api.get("/api/v1/campaigns/" + campaign, "X-API-Key", key);
    assertThat(after.json().get("status").asText()).isEqualTo("paused");
  }
}
