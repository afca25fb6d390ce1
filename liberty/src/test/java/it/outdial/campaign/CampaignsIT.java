package it.outdial.campaign;

import static it.outdial.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Database;
import it.outdial.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;

  @BeforeAll
  static void keys() {
    server = TestServer.shared();
    api = server.api();
    client = Clients.newClientId("campaigns");
    key = Clients.newKey(server, client, "[\"campaigns\", \"audit\"]");
  }

  private static String campaignJson(String clientId, String contacts) {
    return """
        {"client_id": "%s", "name": "Test Campaign",
         "system_prompt": "You are a friendly recruiter...", "caller_id": "+15551234567",
         "contacts": %s}
        """
        .formatted(clientId, contacts);
  }

  private static String create(String rawKey, String clientId) {
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            campaignJson(clientId, "[{\"phone\": \"+15559876543\"}]"),
            "X-API-Key",
            rawKey);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  @Test
  void theReferenceExampleCreatesAQueuedCampaignWithItsSettings() {
    String body =
        """
        {
        "client_id": "%s",
        "name": "Q1 Healthcare Outreach",
        "voice": "tara",
        "system_prompt": "You are a recruiter calling about healthcare jobs...",
        "caller_id": "+15551234567",
        "max_concurrent": 50,
        "priority": 7,
        "contacts": [
        {"first_name": "John", "last_name": "Smith", "phone": "+15559876543"}
        ],
        "greeting_text": "Hello, I am calling from Acme Staffing.",
        "voicemail_text": "Hi, this is Acme Staffing. Please call us back."
        }
        """
            .formatted(client);
    Reply created = api.post("/api/v1/campaigns", body, "X-API-Key", key);

    assertThat(created.status()).isEqualTo(201);
    JsonNode json = created.json();
    String id = json.get("campaign_id").asText();
    assertThat(id).startsWith("camp_");
    assertThat(json.get("status").asText()).isEqualTo("queued");
    assertThat(json.get("contacts_enqueued").asInt()).isEqualTo(1);
    assertThat(json.get("created_at").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    JsonNode campaign = api.get("/api/v1/campaigns/" + id, "X-API-Key", key).json();
    assertThat(campaign.get("name").asText()).isEqualTo("Q1 Healthcare Outreach");
    assertThat(campaign.get("voice").asText()).isEqualTo("tara");
    assertThat(campaign.get("priority").asInt()).isEqualTo(7);
    assertThat(campaign.get("max_concurrent").asInt()).isEqualTo(50);
    assertThat(campaign.get("caller_id").asText()).isEqualTo("+15551234567");
    assertThat(campaign.get("voicemail_text").asText()).startsWith("Hi, this is Acme");
    assertThat(campaign.get("total_contacts").asInt()).isEqualTo(1);
  }

  @Test
  void defaultsApplyWhenOptionalFieldsAreLeftOut() {
    String id = create(key, client);
    JsonNode campaign = api.get("/api/v1/campaigns/" + id, "X-API-Key", key).json();
    assertThat(campaign.get("voice").asText()).isEqualTo("tara");
    assertThat(campaign.get("priority").asInt()).isEqualTo(5);
    assertThat(campaign.get("max_concurrent").asInt()).isEqualTo(100);
  }

  @Test
  void statsHaveEveryFieldOfTheReferenceExampleThenTheProgressFields() {
    String id = create(key, client);
    Reply reply = api.get("/api/v1/campaigns/" + id + "/stats", "X-API-Key", key);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode stats = reply.json();
    assertThat(stats.fieldNames())
        .toIterable()
        .containsExactly(
            "campaign_id",
            "status",
            "total_contacts",
            "contacts_enqueued",
            "calls_placed",
            "human_answers",
            "voicemails",
            "errors",
            "no_answer",
            "har_percent",
            "avg_call_duration_s",
            "elapsed_s",
            "contacts_processed",
            "successful_calls",
            "failed_calls",
            "scheduled_start",
            "actual_start",
            "completed_at");
    assertThat(stats.get("campaign_id").asText()).isEqualTo(id);
    assertThat(stats.get("status").asText()).isEqualTo("queued");
    assertThat(stats.get("total_contacts").asInt()).isEqualTo(1);
    assertThat(stats.get("calls_placed").asInt()).isZero();
    assertThat(stats.get("har_percent").isNumber()).isTrue();
  }

  @Test
  void invalidAndDuplicatePhonesAreSkippedAndCounted() {
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            campaignJson(
                client,
                """
                [{"phone": "+15559876543", "first_name": "John"},
                 {"phone": "+1 (555) 987-6543"},
                 {"phone": "12"},
                 {"phone": "(212) 555-0123", "shift": "nights", "PHONE_TYPE": "mobile"}]
                """),
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().get("contacts_enqueued").asInt()).isEqualTo(2);
    assertThat(reply.json().get("duplicates_skipped").asInt()).isEqualTo(1);
    assertThat(reply.json().get("invalid_skipped").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "name blank | name | \"\" | name",
        "system_prompt missing | system_prompt | null | system_prompt",
        "caller_id not E.164 | caller_id | \"5551234567\" | caller_id",
        "caller_id not a number | caller_id | \"+1abc\" | caller_id",
        "voice | voice | \"alloy\" | voice",
        "priority too high | priority | 11 | priority",
        "priority too low | priority | 0 | priority",
        "max_concurrent | max_concurrent | 0 | max_concurrent",
        "contacts missing | contacts | null | contacts",
        "contact without phone | contacts | [{\"phone\": \"+15559876543\"}, {\"first_name\": \"x\"}] | contacts[1].phone",
        "contact field not text | contacts | [{\"phone\": \"+15559876543\", \"tags\": [1]}] | contacts[0].tags",
      })
  void invalidCampaignsAreRefusedNamingTheField(
      String why, String field, String valueJson, String named) throws Exception {
    ObjectNode body =
        (ObjectNode) JSON.readTree(campaignJson(client, "[{\"phone\": \"+15559876543\"}]"));
    body.set(field, JSON.readTree(valueJson));
    Reply reply = api.post("/api/v1/campaigns", body.toString(), "X-API-Key", key);
    assertError(reply, 400);
    assertThat(reply.json().get("detail").asText()).contains(named);
  }

  @Test
  void creatingForAnotherClientIsForbidden() {
    Reply reply =
        api.post("/api/v1/campaigns", campaignJson("someone-else", "[]"), "X-API-Key", key);
    assertError(reply, 403);
  }

  @Test
  void keysAreCheckedForPresenceValidityRevocationAndScope() {
    assertError(api.get("/api/v1/campaigns"), 401);
    assertError(api.get("/api/v1/campaigns", "X-API-Key", "jt_ak_not-a-real-key"), 401);
    assertError(api.get("/api/v1/campaigns", "X-API-Key", "garbage"), 401);
    assertThat(api.get("/api/v1/campaigns", "Authorization", "Bearer " + key).status())
        .isEqualTo(200);

    String auditOnly = Clients.newKey(server, client, "[\"audit\"]");
    Reply forbidden = api.get("/api/v1/campaigns", "X-API-Key", auditOnly);
    assertError(forbidden, 403);
    assertThat(forbidden.json().get("detail").asText()).contains("campaigns");

    String doomed = Clients.newKey(server, client, "[\"campaigns\"]");
    assertThat(api.get("/api/v1/campaigns", "X-API-Key", doomed).status()).isEqualTo(200);
    api.delete(
        "/admin/api-keys",
        "{\"key_hash\": \"" + Clients.hashOf(doomed) + "\"}",
        "X-Admin-Key",
        server.adminKey());
    assertError(api.get("/api/v1/campaigns", "X-API-Key", doomed), 401);
  }

  @Test
  void anotherClientsCampaignIsNotFoundAnywhere() {
    String mine = create(key, client);
    String other = Clients.newClientId("other");
    String otherKey = Clients.newKey(server, other, "[\"campaigns\"]");

    assertError(api.get("/api/v1/campaigns/" + mine, "X-API-Key", otherKey), 404);
    assertError(api.get("/api/v1/campaigns/" + mine + "/stats", "X-API-Key", otherKey), 404);
    assertError(api.post("/api/v1/campaigns/" + mine + "/pause", null, "X-API-Key", otherKey), 404);
    assertError(
        api.post("/api/v1/campaigns/" + mine + "/resume", null, "X-API-Key", otherKey), 404);
    assertError(api.delete("/api/v1/campaigns/" + mine, null, "X-API-Key", otherKey), 404);
    JsonNode list = api.get("/api/v1/campaigns", "X-API-Key", otherKey).json();
    assertThat(list.get("total").asInt()).isZero();
    assertThat(list.get("campaigns")).isEmpty();
    assertThat(api.get("/api/v1/campaigns/" + mine, "X-API-Key", key).status()).isEqualTo(200);
  }

  @Test
  void pauseAndResumeFollowTheLifecycle() throws SQLException {
    String id = create(key, client);
    Reply pauseQueued = api.post("/api/v1/campaigns/" + id + "/pause", null, "X-API-Key", key);
    assertError(pauseQueued, 409);

    setStatus(id, "active"); // what the dialer does when dialing starts
    JsonNode paused = api.post("/api/v1/campaigns/" + id + "/pause", null, "X-API-Key", key).json();
    assertThat(paused.get("campaign_id").asText()).isEqualTo(id);
    assertThat(paused.get("status").asText()).isEqualTo("paused");
    assertThat(
            api.post("/api/v1/campaigns/" + id + "/pause", null, "X-API-Key", key)
                .json()
                .get("status")
                .asText())
        .as("pausing a paused campaign is a no-op")
        .isEqualTo("paused");
    JsonNode resumed =
        api.post("/api/v1/campaigns/" + id + "/resume", null, "X-API-Key", key).json();
    assertThat(resumed.get("status").asText()).isEqualTo("active");

    setStatus(id, "completed");
    Reply resumeCompleted = api.post("/api/v1/campaigns/" + id + "/resume", null, "X-API-Key", key);
    assertError(resumeCompleted, 409);
    assertThat(resumeCompleted.json().get("detail").asText()).contains("completed");
  }

  @Test
  void deletedCampaignIsGoneEverywhere() {
    String id = create(key, client);
    Reply deleted = api.delete("/api/v1/campaigns/" + id, null, "X-API-Key", key);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
    assertThat(deleted.json().get("campaign_id").asText()).isEqualTo(id);

    assertError(api.get("/api/v1/campaigns/" + id, "X-API-Key", key), 404);
    assertError(api.get("/api/v1/campaigns/" + id + "/stats", "X-API-Key", key), 404);
    assertError(api.post("/api/v1/campaigns/" + id + "/resume", null, "X-API-Key", key), 404);
    assertError(api.delete("/api/v1/campaigns/" + id, null, "X-API-Key", key), 404);
    assertThat(api.get("/api/v1/campaigns?limit=100", "X-API-Key", key).body()).doesNotContain(id);
  }

  @Test
  void unknownOrMalformedCampaignIdsAreNotFound() {
    assertError(api.get("/api/v1/campaigns/camp_doesnotexist0000", "X-API-Key", key), 404);
    assertError(api.get("/api/v1/campaigns/not-an-id/stats", "X-API-Key", key), 404);
  }

  @Test
  void listFiltersByStatusAndPages() throws SQLException {
    String listClient = Clients.newClientId("list");
    String listKey = Clients.newKey(server, listClient, "[\"campaigns\"]");
    String first = create(listKey, listClient);
    String second = create(listKey, listClient);
    String third = create(listKey, listClient);
    setStatus(second, "active");

    JsonNode all = api.get("/api/v1/campaigns", "X-API-Key", listKey).json();
    assertThat(all.get("total").asInt()).isEqualTo(3);
    assertThat(all.get("limit").asInt()).isEqualTo(20);
    assertThat(all.get("offset").asInt()).isZero();
    assertThat(all.get("campaigns"))
        .extracting(c -> c.get("campaign_id").asText())
        .containsExactly(first, second, third);

    JsonNode active = api.get("/api/v1/campaigns?status=active", "X-API-Key", listKey).json();
    assertThat(active.get("total").asInt()).isEqualTo(1);
    assertThat(active.get("campaigns").get(0).get("campaign_id").asText()).isEqualTo(second);

    JsonNode page = api.get("/api/v1/campaigns?limit=1&offset=2", "X-API-Key", listKey).json();
    assertThat(page.get("campaigns"))
        .extracting(c -> c.get("campaign_id").asText())
        .containsExactly(third);
    assertThat(page.get("total").asInt()).isEqualTo(3);

    for (String bad :
        new String[] {"limit=0", "limit=101", "limit=x", "offset=-1", "status=running"}) {
      Reply reply = api.get("/api/v1/campaigns?" + bad, "X-API-Key", listKey);
      assertError(reply, 400);
      assertThat(reply.json().get("detail").asText()).contains(bad.substring(0, bad.indexOf('=')));
    }
  }

  private static void setStatus(String campaignId, String status) throws SQLException {
    try (Connection connection = Database.connect(server);
        PreparedStatement update =
            connection.prepareStatement(
                "update campaign set status = ?, started_at = coalesce(started_at, now())"
                    + " where id = ?")) {
      update.setString(1, status);
      update.setString(2, campaignId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
