package it.outdial.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.id.CallId;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Audit;
import it.outdial.support.Clients;
import it.outdial.support.Database;
import it.outdial.support.ServerGroup;
import it.outdial.support.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contact metadata travels from the campaign request and the JSON upload into the audit records;
 * integrators write metadata back onto ended calls, merged or replaced, bounded in size and rate,
 * and only onto their own calls. On the shared dialing server (simulated carrier, 1/100 of real
 * time); numbers 555-011X answer and are interested, 555-017X do not answer.
 */
@ServerGroup(ServerGroup.DIALING)
class CallMetadataIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;
  private static String otherKey;

  /** The campaign made once for the tests: its ended calls by phone. */
  private static Map<String, JsonNode> records;

  private static String campaign;

  @BeforeAll
  static void start() {
    server = TestServer.dialing();
    api = server.api();
    client = Clients.newClientId("metadata");
    key = Clients.newKey(server, client, "[\"campaigns\", \"audit\"]");
    otherKey = Clients.newKey(server, Clients.newClientId("metadata-other"), "[\"audit\"]");
    campaign = campaignWithMetadata();
    awaitCompleted(campaign);
    records = new HashMap<>();
    for (JsonNode record : Audit.records(api, key, campaign)) {
      records.put(record.get("contact").get("phone").asText(), record);
    }
  }

  /**
   * A campaign whose contacts come inline and from a JSON upload, with and without metadata. It is
   * paused while the upload runs, so that it cannot complete before.
   */
  private static String campaignWithMetadata() {
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Metadata test", "system_prompt": "You are a recruiter.",
             "caller_id": "+15551234567", "max_concurrent": 1,
             "contacts": [
               {"phone": "+12125550110", "first_name": "Inline",
                "metadata": {"crm_id": "A-17", "tags": ["rn", "icu"], "score": 7}},
               {"phone": "+12125550170"},
               {"phone": "+12125550171"}]}
            """
                .formatted(client),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("contacts_enqueued").asInt()).isEqualTo(3);
    String id = created.json().get("campaign_id").asText();
    Reply paused = api.pauseOnceActive(id, key);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);

    Reply uploaded =
        api.post(
            "/api/v1/campaigns/" + id + "/contacts/json",
            """
            [{"phone": "+12125550111", "metadata": {"source": "upload", "nested": {"a": 1}}},
             {"phone": "+12125550112", "metadata": ["not", "an", "object"]},
             {"phone": "+12125550113", "first_name": "NoMetadata"}]
            """,
            "X-API-Key",
            key);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
    assertThat(uploaded.json().get("uploaded").asInt()).isEqualTo(2);
    assertThat(uploaded.json().get("invalid_skipped").asInt()).isEqualTo(1);

    Reply resumed = api.post("/api/v1/campaigns/" + id + "/resume", "", "X-API-Key", key);
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    return id;
  }

  private static void awaitCompleted(String campaign) {
    await("campaign " + campaign + " completed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Reply stats = api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key);
              return stats.status() == 200
                  && stats.json().get("status").asText().equals("completed");
            });
  }

  private static Reply write(String callId, String query, String body, String apiKey) {
    return api.post("/api/v1/calls/" + callId + "/metadata" + query, body, "X-API-Key", apiKey);
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static String callOf(String phone) {
    JsonNode record = records.get(phone);
    assertThat(record).as("an ended call of " + phone).isNotNull();
    return record.get("call_id").asText();
  }

  @Test
  void auditRecordsShowTheContactsMetadataFromTheRequestAndTheUpload() throws Exception {
    // each contact is called until it ends; its last attempt carries what every attempt does
    assertThat(records)
        .containsOnlyKeys(
            "+12125550110", "+12125550170", "+12125550171", "+12125550111", "+12125550113");
    assertThat(records.get("+12125550110").get("contact_metadata"))
        .isEqualTo(json("{\"crm_id\": \"A-17\", \"tags\": [\"rn\", \"icu\"], \"score\": 7}"));
    assertThat(records.get("+12125550111").get("contact_metadata"))
        .isEqualTo(json("{\"source\": \"upload\", \"nested\": {\"a\": 1}}"));
    assertThat(records.get("+12125550113").get("contact_metadata")).isEqualTo(json("{}"));
    assertThat(records.get("+12125550170").get("contact_metadata")).isEqualTo(json("{}"));
    for (JsonNode record : Audit.records(api, key, campaign)) {
      assertThat(record.has("metadata")).as("metadata is always there").isTrue();
      assertThat(record.get("ended_at").isNull()).isFalse();
    }
  }

  @Test
  void metadataIsMergedThenReplacedAndTheAuditRecordShowsIt() throws Exception {
    String call = callOf("+12125550111");

    Reply merged =
        write(
            call, "", "{\"outcome\": \"booked\", \"crm\": {\"lead\": \"L-1\", \"stage\": 2}}", key);
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    Reply again =
        write(
            call, "?mode=merge", "{\"crm\": {\"stage\": null, \"owner\": \"ann\"}, \"n\": 1}", key);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    JsonNode expected =
        json(
            "{\"outcome\": \"booked\", \"crm\": {\"lead\": \"L-1\", \"owner\": \"ann\"}, \"n\": 1}");
    assertThat(again.json().get("call_id").asText()).isEqualTo(call);
    assertThat(again.json().get("metadata")).isEqualTo(expected);
    assertThat(again.json().get("metadata_updated_at").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    Reply audited = api.get("/api/v1/audit/" + call, "X-API-Key", key);
    assertThat(audited.status()).isEqualTo(200);
    assertThat(audited.json().get("metadata")).isEqualTo(expected);
    assertThat(audited.json().get("contact_metadata"))
        .isEqualTo(json("{\"source\": \"upload\", \"nested\": {\"a\": 1}}"));

    Reply replaced = write(call, "?mode=replace", "{\"outcome\": \"cancelled\"}", key);
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("metadata")).isEqualTo(json("{\"outcome\": \"cancelled\"}"));
    JsonNode listed =
        Audit.records(api, key, campaign).stream()
            .filter(r -> r.get("call_id").asText().equals(call))
            .findFirst()
            .orElseThrow();
    assertThat(listed.get("metadata")).isEqualTo(json("{\"outcome\": \"cancelled\"}"));
  }

  @Test
  void anotherClientsKeyFindsNoSuchCallJustAsTheAuditTrailAnswers() {
    String call = callOf("+12125550113");

    Reply written = write(call, "", "{\"stolen\": true}", otherKey);
    Reply audited = api.get("/api/v1/audit/" + call, "X-API-Key", otherKey);

    assertThat(written.status()).isEqualTo(404);
    assertThat(audited.status()).isEqualTo(404);
    assertThat(written.json()).isEqualTo(audited.json());
    assertThat(write("not-a-call-id", "", "{}", key).status()).isEqualTo(404);
    assertThat(write(CallId.random().value(), "", "{}", key).status()).isEqualTo(404);
    Reply own = api.get("/api/v1/audit/" + call, "X-API-Key", key);
    assertThat(own.json().get("metadata").isNull()).as("nothing was written").isTrue();
  }

  @Test
  void aCallThatHasNotEndedIsRefusedWith409() {
    // an open call of the live server (its lease holds it), made directly: deterministic
    String open = CallId.random().value();
    String serverId =
        Database.text(server, "select min(server_id) from call where campaign_id = ?", campaign);
    Database.update(
        server,
        "insert into call (id, campaign_id, client_id, contact_id, attempt, started_at, server_id)"
            + " select ?, campaign_id, ?, id, 9, now(), ? from contact"
            + " where campaign_id = ? and phone = '+12125550113'",
        open,
        client,
        serverId,
        campaign);
    try {
      Reply refused = write(open, "", "{\"a\": 1}", key);

      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.json().get("detail").asText()).contains("has not ended");
      assertThat(Database.text(server, "select metadata::text from call where id = ?", open))
          .isNull();
    } finally {
      Database.update(server, "delete from call where id = ?", open);
    }
  }

  @Test
  void aBodyThatIsNotAnObjectOrAnUnknownModeIsRefusedWith400() {
    String call = callOf("+12125550170");

    Reply array = write(call, "", "[{\"a\": 1}]", key);
    Reply text = write(call, "", "\"text\"", key);
    Reply mode = write(call, "?mode=patch", "{\"a\": 1}", key);

    assertThat(array.status()).isEqualTo(400);
    assertThat(array.json().get("detail").asText()).contains("JSON object");
    assertThat(text.status()).isEqualTo(400);
    assertThat(mode.status()).isEqualTo(400);
    assertThat(mode.json().get("detail").asText()).contains("mode");
  }

  @Test
  void aBodyOverTheMetadataLimitIsRefusedWith413() {
    String call = callOf("+12125550171");
    String big = "{\"notes\": \"" + "x".repeat(65_536) + "\"}";

    Reply refused = write(call, "", big, key);

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.json().get("detail").asText())
        .contains("64 KB")
        .contains("OUTDIAL_CALL_METADATA_MAX_BYTES");
    Reply audited = api.get("/api/v1/audit/" + call, "X-API-Key", key);
    assertThat(audited.json().get("metadata").isNull()).isTrue();
  }

  @Test
  void theThirtyFirstWriteOfAKeyWithinAMinuteIsRefusedWith429() {
    String call = callOf("+12125550110");
    String ownKey = Clients.newKey(server, client, "[\"audit\"]");

    for (int i = 1; i <= 30; i++) {
      Reply allowed = write(call, "", "{\"write\": " + i + "}", ownKey);
      assertThat(allowed.status()).as("write %d: %s", i, allowed.body()).isEqualTo(200);
      assertThat(allowed.header("RateLimit-Policy")).contains("30;w=60");
    }
    Reply refused = write(call, "", "{\"write\": 31}", ownKey);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isPresent();
    assertThat(refused.json().get("retry_after").asLong()).isPositive();
    Reply audited = api.get("/api/v1/audit/" + call, "X-API-Key", ownKey);
    assertThat(audited.status()).as("other policies of the key are untouched").isEqualTo(200);
    assertThat(audited.json().get("metadata").get("write").asInt()).isEqualTo(30);
  }

  @Test
  void contactMetadataThatIsNotAnObjectIsRefusedInlineNamingTheField() {
    Reply refused =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Bad metadata", "system_prompt": "You call.",
             "caller_id": "+15551234567",
             "contacts": [{"phone": "+12125550115"}, {"phone": "+12125550116", "metadata": [1]}]}
            """
                .formatted(client),
            "X-API-Key",
            key);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asText())
        .isEqualTo("contacts[1].metadata must be a JSON object");
  }
}
