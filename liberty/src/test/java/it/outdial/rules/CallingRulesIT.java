package it.outdial.rules;

import static it.outdial.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.Database;
import it.outdial.support.ServerGroup;
import it.outdial.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A campaign's calling rules through the API, on the shared dialing server (simulated calls at
 * 1/100 of real time, calling at any hour). Test numbers in 555-01XX have fixed fates: 10s
 * interested, 70s no answer. Area code 212 is New York's.
 */
@ServerGroup(ServerGroup.DIALING)
class CallingRulesIT {
  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;
  private static String otherClient;
  private static String otherKey;

  @BeforeAll
  static void start() {
    server = TestServer.dialing();
    api = server.api();
    client = Clients.newClientId("calling");
    key = Clients.newKey(server, client, "[\"campaigns\"]");
    otherClient = Clients.newClientId("calling-other");
    otherKey = Clients.newKey(server, otherClient, "[\"campaigns\"]");
  }

  private static Reply post(String clientId, String apiKey, List<String> phones, String extra) {
    return api.post(
        "/api/v1/campaigns",
        """
        {"client_id": "%s", "name": "Calling rules test", "system_prompt": "You are a recruiter.",
         "caller_id": "+15551234567", "contacts": %s%s}
        """
            .formatted(clientId, Contacts.json(phones), extra.isEmpty() ? "" : ", " + extra),
        "X-API-Key",
        apiKey);
  }

  private static String create(String clientId, String apiKey, List<String> phones, String extra) {
    Reply reply = post(clientId, apiKey, phones, extra);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  private static JsonNode campaign(String apiKey, String id) {
    Reply r = api.get("/api/v1/campaigns/" + id, "X-API-Key", apiKey);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** The campaign's one contact's next attempt, once the dialer moved it to a later time. */
  private static Instant awaitDeferred(String campaign) {
    await(campaign + "'s contact deferred")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Database.number(
                        server,
                        "select count(*) from contact where campaign_id = ? and status = 'pending'"
                            + " and next_attempt_at > now() + interval '10 minutes'",
                        campaign)
                    == 1);
    return ((java.sql.Timestamp)
            Database.rows(
                    server, "select next_attempt_at from contact where campaign_id = ?", campaign)
                .getFirst()
                .get("next_attempt_at"))
        .toInstant();
  }

  private static long calls(String campaign) {
    return Database.number(server, "select count(*) from call where campaign_id = ?", campaign);
  }

  private static void delete(String apiKey, String campaign) {
    assertThat(api.delete("/api/v1/campaigns/" + campaign, null, "X-API-Key", apiKey).status())
        .isEqualTo(200);
  }

  @Test
  void theFrequencyCapHoldsAcrossTheClientsCampaignsButNotAcrossClients() {
    String noAnswer = "+12125550171";
    // up to five attempts, at once one after the other: the cap of two stops it after two
    String first =
        create(
            client,
            key,
            List.of(noAnswer),
            """
            "retry_policy": {"max_attempts": 5, "delay_seconds": 0, "backoff": "fixed"},
            "calling_rules": {"max_attempts_per_number_per_day": 2}""");
    Instant deferredTo = awaitDeferred(first);
    assertThat(calls(first)).isEqualTo(2);
    Instant firstCall =
        ((java.sql.Timestamp)
                Database.rows(
                        server,
                        "select min(started_at) as t from call where campaign_id = ?",
                        first)
                    .getFirst()
                    .get("t"))
            .toInstant();
    assertThat(deferredTo)
        .as("when the oldest call leaves the day")
        .isEqualTo(firstCall.plus(Duration.ofDays(1)));
    JsonNode view = campaign(key, first);
    assertThat(view.at("/calling_rules/max_attempts_per_number_per_day").asInt()).isEqualTo(2);
    assertThat(view.get("status").asText()).as("waiting, not done").isNotEqualTo("completed");
    assertThat(view.get("contacts_processed").asInt()).isZero();

    String second =
        create(
            client,
            key,
            List.of(noAnswer),
            "\"calling_rules\": {\"max_attempts_per_number_per_day\": 2}");
    awaitDeferred(second);
    assertThat(calls(second)).as("the number had its two calls today").isZero();

    String otherClients =
        create(
            otherClient,
            otherKey,
            List.of(noAnswer),
            """
            "retry_policy": {"max_attempts": 1},
            "calling_rules": {"max_attempts_per_number_per_day": 1}""");
    await("another client's campaign calls the number")
        .atMost(Duration.ofSeconds(60))
        .until(() -> campaign(otherKey, otherClients).get("status").asText().equals("completed"));
    assertThat(calls(otherClients)).isOne();
    assertThat(calls(second)).isZero();

    // tenant isolation: another client sees neither campaign
    assertError(api.get("/api/v1/campaigns/" + first, "X-API-Key", otherKey), 404);
    assertError(api.get("/api/v1/campaigns/" + second, "X-API-Key", otherKey), 404);
    delete(key, first);
    delete(key, second);
  }

  @Test
  void contactsOutsideTheCampaignsOwnHoursStayPending() {
    int hour = Instant.now().atZone(ZoneId.of("America/New_York")).getHour();
    String hours =
        hour < 12
            ? "{\"start\": \"22:00\", \"end\": \"23:00\"}"
            : "{\"start\": \"01:00\", \"end\": \"02:00\"}";
    String id =
        create(
            client,
            key,
            List.of("+12125550111"),
            "\"calling_rules\": {\"hours\": "
                + hours
                + ", \"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]}");

    Instant next = awaitDeferred(id);

    assertThat(calls(id)).isZero();
    int opens = next.atZone(ZoneId.of("America/New_York")).getHour();
    assertThat(opens).isEqualTo(hour < 12 ? 22 : 1);
    JsonNode view = campaign(key, id);
    assertThat(view.get("calling_rules").get("hours").toString()).isEqualTo(hours.replace(" ", ""));
    assertThat(view.at("/calling_rules/days").toString())
        .isEqualTo("[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]");
    assertThat(view.at("/calling_rules/max_attempts_per_number_per_day").isNull()).isTrue();
    assertThat(view.get("status").asText()).isIn("queued", "active");
    delete(key, id);
  }

  @Test
  void withoutRulesOfItsOwnACampaignShowsTheServersHours() {
    // scheduled a month ahead: it never dials here
    Instant later = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    String id =
        create(client, key, List.of("+12125550112"), "\"scheduled_start\": \"" + later + "\"");

    JsonNode rules = campaign(key, id).get("calling_rules");

    // the shared test server calls at any time
    assertThat(rules.toString())
        .isEqualTo(
            "{\"hours\":{\"start\":\"00:00\",\"end\":\"24:00\"},"
                + "\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],"
                + "\"max_attempts_per_number_per_day\":null}");
    delete(key, id);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"hours\": {\"start\": \"9am\", \"end\": \"20:00\"}} | calling_rules.hours.start",
        "{\"hours\": {\"start\": \"09:00\"}} | calling_rules.hours.end",
        "{\"hours\": {\"start\": \"20:00\", \"end\": \"09:00\"}} | calling_rules.hours.end",
        "{\"hours\": {\"start\": \"09:00\", \"end\": \"24:01\"}} | calling_rules.hours.end",
        "{\"days\": [\"mon\", \"funday\"]} | calling_rules.days",
        "{\"days\": []} | calling_rules.days",
        "{\"max_attempts_per_number_per_day\": 0} | calling_rules.max_attempts_per_number_per_day",
        "{\"max_attempts_per_number_per_day\": 101} | calling_rules.max_attempts_per_number_per_day",
      })
  void invalidRulesAreRefusedNamingTheField(String rules, String field) {
    Reply reply = post(client, key, List.of("+12125550113"), "\"calling_rules\": " + rules);

    assertError(reply, 400);
    assertThat(reply.json().get("detail").asText()).startsWith(field + " ");
  }
}
