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
import it.outdial.support.WebhookReceiver;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A campaign's own rules through the API, on the shared dialing server (simulated calls at 1/100 of
 * real time, any hour, server retries after half a second). Test numbers in 555-01XX have fixed
 * fates: 10s interested, 60s voicemail, 70s no answer, 80s busy, 90s carrier failure.
 */
@ServerGroup(ServerGroup.DIALING)
class CampaignRulesIT {
  private static final Set<String> HUMAN =
      Set.of(
          "human_interested",
          "human_not_interested",
          "callback_requested",
          "do_not_call",
          "wrong_number");

  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;
  private static String otherKey;
  private static WebhookReceiver receiver;
  private static String hookPath;

  @BeforeAll
  static void start() {
    server = TestServer.dialing();
    api = server.api();
    client = Clients.newClientId("rules");
    key = Clients.newKey(server, client, "[\"campaigns\", \"audit\"]");
    otherKey = Clients.newKey(server, Clients.newClientId("rules-other"), "[\"campaigns\"]");
    receiver = new WebhookReceiver();
    hookPath = "/status";
    Reply made =
        api.post(
            "/api/v1/webhooks",
            "{\"url\": \"%s\", \"events\": [\"campaign.status_changed\"]}"
                .formatted(receiver.url(hookPath)),
            "X-API-Key",
            key);
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String hook = made.json().get("webhook_id").asText();
    await("endpoint verified")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get("/api/v1/webhooks/" + hook, "X-API-Key", key)
                    .json()
                    .get("status")
                    .asText()
                    .equals("active"));
  }

  @AfterAll
  static void stop() {
    if (receiver != null) {
      receiver.close();
    }
  }

  /** A campaign of {@link #client} with these extra fields (JSON members, or empty). */
  private static Reply post(List<String> phones, String extra) {
    return api.post(
        "/api/v1/campaigns",
        """
        {"client_id": "%s", "name": "Rules test", "system_prompt": "You are a recruiter.",
         "caller_id": "+15551234567", "max_concurrent": 5,
         "voicemail_text": "Please call us back.", "contacts": %s%s}
        """
            .formatted(client, Contacts.json(phones), extra.isEmpty() ? "" : ", " + extra),
        "X-API-Key",
        key);
  }

  private static String create(List<String> phones, String extra) {
    Reply reply = post(phones, extra);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  /** {@code +1 <area> 555 01<fate><n>}: fate 1 interested, 6 voicemail, 7 no answer, 8 busy. */
  private static String number(String area, int fate, int n) {
    return "+1" + area + "55501" + fate + n;
  }

  private static JsonNode campaign(String id) {
    Reply r = api.get("/api/v1/campaigns/" + id, "X-API-Key", key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode stats(String id) {
    Reply r = api.get("/api/v1/campaigns/" + id + "/stats", "X-API-Key", key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static void awaitCompleted(String id) {
    await(id + " completed")
        .atMost(Duration.ofSeconds(60))
        .until(() -> campaign(id).get("status").asText().equals("completed"));
  }

  private static String iso(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Calls placed to each phone of the campaign, from the call rows. */
  private static Map<String, Long> attemptsPerPhone(String campaign) {
    Map<String, Long> attempts = new HashMap<>();
    Database.rows(
            server,
            "select t.phone, count(*) as n from call k join contact t on t.id = k.contact_id"
                + " where k.campaign_id = ? group by t.phone",
            campaign)
        .forEach(row -> attempts.put((String) row.get("phone"), (Long) row.get("n")));
    return attempts;
  }

  // --- scheduled start ---

  @Test
  void aScheduledCampaignWaitsForItsTimeThenDialsAndSaysSo() {
    Instant startsAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
    List<String> phones = List.of(number("212", 1, 1), number("212", 6, 1));

    Reply created = post(phones, "\"scheduled_start\": \"" + iso(startsAt) + "\"");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("status").asText()).isEqualTo("scheduled");
    assertThat(created.json().get("scheduled_start").asText()).isEqualTo(iso(startsAt));
    String id = created.json().get("campaign_id").asText();
    awaitCompleted(id);

    Timestamp firstCall =
        (Timestamp)
            Database.rows(server, "select min(started_at) as t from call where campaign_id = ?", id)
                .getFirst()
                .get("t");
    assertThat(firstCall.toInstant()).isAfterOrEqualTo(startsAt);
    JsonNode done = campaign(id);
    assertThat(done.get("scheduled_start").asText()).isEqualTo(iso(startsAt));
    assertThat(Instant.parse(done.get("actual_start").asText())).isAfterOrEqualTo(startsAt);
    assertThat(Instant.parse(done.get("completed_at").asText()))
        .isAfterOrEqualTo(Instant.parse(done.get("actual_start").asText()));
    assertThat(done.get("contacts_processed").asInt()).isEqualTo(2);
    await("scheduled -> active -> completed told to the webhook")
        .atMost(Duration.ofSeconds(20))
        .until(() -> statusChanges(id).contains("scheduled>active"));
    assertThat(statusChanges(id))
        .containsExactly(">scheduled", "scheduled>active", "active>completed");
  }

  /** The campaign's status changes delivered to the webhook, as {@code previous>status}. */
  private static List<String> statusChanges(String campaign) {
    List<String> changes = new ArrayList<>();
    for (WebhookReceiver.Received r : receiver.events(hookPath)) {
      JsonNode data = r.json().get("data");
      if (data.get("campaign_id").asText().equals(campaign)) {
        changes.add(
            (data.get("previous_status").isNull() ? "" : data.get("previous_status").asText())
                + ">"
                + data.get("status").asText());
      }
    }
    return changes;
  }

  @Test
  void aCampaignScheduledInThePastStartsAtOnce() {
    Instant past = Instant.now().minus(Duration.ofHours(1));

    Reply created =
        post(List.of(number("213", 1, 1)), "\"scheduled_start\": \"" + iso(past) + "\"");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("status").asText()).isEqualTo("queued");
    String id = created.json().get("campaign_id").asText();
    awaitCompleted(id);
    JsonNode done = stats(id);
    assertThat(done.get("scheduled_start").asText()).isEqualTo(iso(past));
    assertThat(done.get("calls_placed").asInt()).isEqualTo(1);
    assertThat(done.get("successful_calls").asInt()).isEqualTo(1);
  }

  @Test
  void aScheduledCampaignIsListedAndCanBePausedResumedAndDeletedBeforeItsTime() {
    String later = iso(Instant.now().plus(Duration.ofDays(1)));
    String id = create(List.of(number("214", 1, 1)), "\"scheduled_start\": \"" + later + "\"");
    String other = create(List.of(number("214", 1, 2)), "\"scheduled_start\": \"" + later + "\"");

    Reply listed = api.get("/api/v1/campaigns?status=scheduled&limit=100", "X-API-Key", key);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get("campaigns").findValuesAsText("campaign_id")).contains(id, other);
    assertThat(listed.json().get("campaigns").findValuesAsText("status")).containsOnly("scheduled");

    assertThat(action(id, "resume").get("status").asText()).isEqualTo("scheduled");
    assertThat(action(id, "pause").get("status").asText()).isEqualTo("paused");
    assertThat(action(id, "pause").get("status").asText()).isEqualTo("paused");
    // before its time, a resumed campaign waits for it again
    assertThat(action(id, "resume").get("status").asText()).isEqualTo("scheduled");
    assertThat(campaign(id).get("status").asText()).isEqualTo("scheduled");
    assertThat(campaign(id).get("actual_start").isNull()).isTrue();
    assertThat(action(id, "pause").get("status").asText()).isEqualTo("paused");

    // another client sees none of it
    assertError(api.get("/api/v1/campaigns/" + id, "X-API-Key", otherKey), 404);
    assertError(api.post("/api/v1/campaigns/" + id + "/resume", "", "X-API-Key", otherKey), 404);
    assertError(api.delete("/api/v1/campaigns/" + other, null, "X-API-Key", otherKey), 404);
    assertThat(
            api.get("/api/v1/campaigns?status=scheduled", "X-API-Key", otherKey)
                .json()
                .get("total")
                .asInt())
        .isZero();

    Reply deleted = api.delete("/api/v1/campaigns/" + other, null, "X-API-Key", key);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertError(api.get("/api/v1/campaigns/" + other, "X-API-Key", key), 404);
    assertThat(statusChanges(other)).doesNotContain("scheduled>active");
    await("the deletion told to the webhook")
        .atMost(Duration.ofSeconds(20))
        .until(() -> statusChanges(other).contains("scheduled>cancelled"));
    assertThat(
            Database.number(
                server, "select count(*) from call where campaign_id = any(?)", List.of(id, other)))
        .isZero();
  }

  private static JsonNode action(String id, String action) {
    Reply r = api.post("/api/v1/campaigns/" + id + "/" + action, "", "X-API-Key", key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  // --- retry policy ---

  @Test
  void eachCampaignRetriesByItsOwnPolicy() {
    String noAnswer1 = number("215", 7, 1);
    String noAnswer2 = number("215", 7, 2);
    String busy1 = number("215", 8, 1);
    String busy2 = number("215", 8, 2);
    String a =
        create(
            List.of(noAnswer1, noAnswer2, busy1),
            """
            "retry_policy": {"max_attempts": 3, "retryable_statuses": ["no_answer"],
                             "delay_seconds": 0, "backoff": "fixed"}""");
    String b =
        create(
            List.of(noAnswer1, busy1, busy2),
            """
            "retry_policy": {"max_attempts": 2, "retryable_statuses": ["busy", "voicemail"],
                             "delay_seconds": 0, "backoff": "exponential"}""");

    awaitCompleted(a);
    awaitCompleted(b);

    assertThat(attemptsPerPhone(a)).isEqualTo(Map.of(noAnswer1, 3L, noAnswer2, 3L, busy1, 1L));
    assertThat(attemptsPerPhone(b)).isEqualTo(Map.of(noAnswer1, 1L, busy1, 2L, busy2, 2L));
    JsonNode policy = campaign(a).get("retry_policy");
    assertThat(policy.get("max_attempts").asInt()).isEqualTo(3);
    assertThat(policy.get("retryable_statuses").toString()).isEqualTo("[\"no_answer\"]");
    assertThat(policy.get("delay_seconds").asDouble()).isZero();
    assertThat(policy.get("backoff").asText()).isEqualTo("fixed");
    assertThat(campaign(b).get("retry_policy").get("retryable_statuses").toString())
        .isEqualTo("[\"voicemail\",\"busy\"]");
    JsonNode statsA = stats(a);
    assertThat(statsA.get("calls_placed").asInt()).isEqualTo(7);
    assertThat(statsA.get("contacts_processed").asInt()).isEqualTo(3);
    assertThat(statsA.get("failed_calls").asInt()).isEqualTo(3);
  }

  @Test
  void aCampaignWithoutItsOwnPolicyShowsAndFollowsTheServers() {
    String id =
        create(
            List.of(number("216", 7, 1)),
            "\"retry_policy\": {\"max_attempts\": 2}, \"scheduled_start\": \""
                + iso(Instant.now().plus(Duration.ofDays(1)))
                + "\"");
    String plain =
        create(
            List.of(number("216", 7, 2)),
            "\"scheduled_start\": \"" + iso(Instant.now().plus(Duration.ofDays(1))) + "\"");

    JsonNode partial = campaign(id).get("retry_policy");
    assertThat(partial.get("max_attempts").asInt()).isEqualTo(2);
    // the rest is the server's: no answer, busy and timeout after half a second, exponential
    assertThat(partial.get("retryable_statuses").toString())
        .isEqualTo("[\"no_answer\",\"busy\",\"timeout\"]");
    assertThat(partial.get("delay_seconds").asDouble()).isEqualTo(0.5);
    assertThat(partial.get("backoff").asText()).isEqualTo("exponential");
    JsonNode server = campaign(plain).get("retry_policy");
    assertThat(server.get("max_attempts").asInt()).isEqualTo(3);
    assertThat(server.get("delay_seconds").asDouble()).isEqualTo(0.5);
  }

  @ParameterizedTest(name = "{0} is refused naming {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"scheduled_start\": \"tomorrow\"|scheduled_start",
        "\"scheduled_start\": \"2030-01-15T12:00:00\"|scheduled_start",
        "\"scheduled_start\": \"2999-01-15T12:00:00Z\"|scheduled_start",
        "\"retry_policy\": {\"max_attempts\": 0}|retry_policy.max_attempts",
        "\"retry_policy\": {\"max_attempts\": 11}|retry_policy.max_attempts",
        "\"retry_policy\": {\"max_attempts\": \"many\"}|retry_policy.max_attempts",
        "\"retry_policy\": {\"retryable_statuses\": [\"human_interested\"]}"
            + "|retry_policy.retryable_statuses",
        "\"retry_policy\": {\"retryable_statuses\": \"busy\"}|retry_policy.retryable_statuses",
        "\"retry_policy\": {\"delay_seconds\": -1}|retry_policy.delay_seconds",
        "\"retry_policy\": {\"delay_seconds\": 86401}|retry_policy.delay_seconds",
        "\"retry_policy\": {\"backoff\": \"linear\"}|retry_policy.backoff",
        "\"retry_policy\": [3]|retry_policy",
      })
  void invalidSchedulesAndPoliciesAreRefusedNamingTheField(String extra, String field) {
    Reply reply = post(List.of(number("217", 1, 1)), extra);

    assertError(reply, 400);
    assertThat(reply.json().get("detail").asText()).contains(field);
  }

  // --- progress and paging ---

  @Test
  void progressFieldsAgreeWithTheCallRows() {
    List<String> phones =
        List.of(
            number("218", 1, 1),
            number("218", 2, 1),
            number("218", 6, 1),
            number("218", 7, 1),
            number("218", 9, 1));
    String id = create(phones, "\"retry_policy\": {\"max_attempts\": 1}");

    awaitCompleted(id);

    JsonNode stats = stats(id);
    JsonNode view = campaign(id);
    List<Map<String, Object>> contacts =
        Database.rows(
            server, "select status, last_disposition from contact where campaign_id = ?", id);
    long processed = contacts.stream().filter(c -> !"pending".equals(c.get("status"))).count();
    long successful =
        contacts.stream().filter(c -> HUMAN.contains((String) c.get("last_disposition"))).count();
    long calls = Database.number(server, "select count(*) from call where campaign_id = ?", id);
    assertThat(processed).isEqualTo(5);
    assertThat(successful).isEqualTo(2);
    assertThat(calls).isEqualTo(5);
    for (JsonNode json : List.of(stats, view)) {
      assertThat(json.get("contacts_processed").asLong()).isEqualTo(processed);
      assertThat(json.get("successful_calls").asLong()).isEqualTo(successful);
      assertThat(json.get("failed_calls").asLong()).isEqualTo(processed - successful);
      assertThat(json.get("calls_placed").asLong()).isEqualTo(calls);
      assertThat(json.get("scheduled_start").isNull()).isTrue();
      assertThat(json.get("completed_at").asText()).isNotBlank();
      assertThat(Instant.parse(json.get("actual_start").asText()))
          .isBeforeOrEqualTo(Instant.parse(json.get("completed_at").asText()));
    }
    assertThat(stats.get("human_answers").asLong()).isEqualTo(successful);
  }

  @Test
  void theListPagesWithPageAndPageSizeBesideLimitAndOffset() {
    String pager = Clients.newClientId("rules-pages");
    String pagerKey = Clients.newKey(server, pager, "[\"campaigns\"]");
    String later = iso(Instant.now().plus(Duration.ofDays(1)));
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Reply r =
          api.post(
              "/api/v1/campaigns",
              """
              {"client_id": "%s", "name": "Page %d", "system_prompt": "p",
               "caller_id": "+15551234567", "scheduled_start": "%s",
               "contacts": [{"phone": "+12195550111"}]}
              """
                  .formatted(pager, i, later),
              "X-API-Key",
              pagerKey);
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      ids.add(r.json().get("campaign_id").asText());
    }

    JsonNode second = api.get("/api/v1/campaigns?page=2&pageSize=2", "X-API-Key", pagerKey).json();
    assertThat(second.get("campaigns").findValuesAsText("campaign_id")).containsExactly(ids.get(2));
    assertThat(second.get("total").asInt()).isEqualTo(3);
    assertThat(second.get("page").asInt()).isEqualTo(2);
    assertThat(second.get("page_size").asInt()).isEqualTo(2);
    assertThat(second.get("limit").asInt()).isEqualTo(2);
    assertThat(second.get("offset").asInt()).isEqualTo(2);
    JsonNode first =
        api.get("/api/v1/campaigns?status=scheduled&page=1&pageSize=2", "X-API-Key", pagerKey)
            .json();
    assertThat(first.get("campaigns").findValuesAsText("campaign_id"))
        .containsExactly(ids.get(0), ids.get(1));
    JsonNode byOffset = api.get("/api/v1/campaigns?limit=2&offset=1", "X-API-Key", pagerKey).json();
    assertThat(byOffset.get("campaigns").findValuesAsText("campaign_id"))
        .containsExactly(ids.get(1), ids.get(2));
    assertThat(byOffset.has("page")).isFalse();
    assertThat(byOffset.has("page_size")).isFalse();
    JsonNode defaults = api.get("/api/v1/campaigns?page=1", "X-API-Key", pagerKey).json();
    assertThat(defaults.get("page_size").asInt()).isEqualTo(20);
    assertThat(defaults.get("campaigns")).hasSize(3);

    for (String[] bad :
        new String[][] {
          {"page=1&limit=2", "not both"},
          {"pageSize=2&offset=0", "not both"},
          {"page=0", "page"},
          {"page=x", "page"},
          {"pageSize=0", "pageSize"},
          {"pageSize=101", "pageSize"},
          {"status=running&page=1", "status"},
        }) {
      Reply refused = api.get("/api/v1/campaigns?" + bad[0], "X-API-Key", pagerKey);
      assertError(refused, 400);
      assertThat(refused.json().get("detail").asText()).as(bad[0]).contains(bad[1]);
    }
  }
}
