package it.outdial.audit;

import static it.outdial.support.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.Clients;
import it.outdial.support.Database;
import it.outdial.support.TestServer;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditUsageJobsIT {
  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;
  private static String auditKey;

  @BeforeAll
  static void keys() {
    server = TestServer.shared();
    api = server.api();
    client = Clients.newClientId("audit");
    key = Clients.newKey(server, client, "[\"campaigns\"]");
    auditKey = Clients.newKey(server, client, "[\"audit\"]");
  }

  private static String createCampaign(String phone) {
    Reply reply =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Audit", "system_prompt": "Be brief.",
             "caller_id": "+15551234567",
             "contacts": [{"phone": "%s", "first_name": "John"}]}
            """
                .formatted(client, phone),
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("campaign_id").asText();
  }

  /** What the dialer will write for a finished call. */
  private static String recordCall(String campaignId, String disposition, int seconds) {
    String callId = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    Database.update(
        server,
        "insert into call (id, campaign_id, client_id, contact_id, attempt, disposition,"
            + " duration_s, transcript, intents, started_at, ended_at)"
            + " select ?, ?, ?, id, 1, ?, ?, cast(? as jsonb), cast(? as jsonb),"
            + " timestamptz '2025-03-15 10:30:00+00', timestamptz '2025-03-15 10:31:02+00'"
            + " from contact where campaign_id = ? limit 1",
        callId,
        campaignId,
        client,
        disposition,
        seconds,
        "[{\"role\": \"assistant\", \"content\": \"Hello, I'm calling from Acme Staffing...\"},"
            + " {\"role\": \"user\", \"content\": \"Hi, yes I'm interested...\"}]",
        "[{\"intent\": \"schedule\", \"confidence\": 0.87, \"timestamp\": \"2025-03-15T10:31:02Z\"}]",
        campaignId);
    return callId;
  }

  @Test
  void aCallsAuditTrailHasTheReferenceShape() {
    String campaign = createCampaign("+15559876543");
    String callId = recordCall(campaign, "human_interested", 62);

    Reply reply = api.get("/api/v1/audit/" + callId, "X-API-Key", auditKey);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode record = reply.json();
    assertThat(record.get("call_id").asText()).isEqualTo(callId);
    assertThat(record.get("campaign_id").asText()).isEqualTo(campaign);
    assertThat(record.get("contact").get("phone").asText()).isEqualTo("+15559876543");
    assertThat(record.get("contact").get("first_name").asText()).isEqualTo("John");
    assertThat(record.get("disposition").asText()).isEqualTo("human_interested");
    assertThat(record.get("duration_s").asDouble()).isEqualTo(62.0);
    assertThat(record.get("transcript").get(1).get("role").asText()).isEqualTo("user");
    assertThat(record.get("intents").get(0).get("intent").asText()).isEqualTo("schedule");
    assertThat(record.get("intents").get(0).get("confidence").asDouble()).isEqualTo(0.87);
    assertThat(record.get("started_at").asText()).isEqualTo("2025-03-15T10:30:00Z");
    assertThat(record.get("ended_at").asText()).isEqualTo("2025-03-15T10:31:02Z");
  }

  @Test
  void auditListsPageAndFilterByCampaign() {
    String first = createCampaign("+15559876543");
    String second = createCampaign("+15559876544");
    String a = recordCall(first, "voicemail", 20);
    String b = recordCall(first, "no_answer", 0);
    String c = recordCall(second, "busy", 0);

    JsonNode ofFirst =
        api.get("/api/v1/audit?campaign_id=" + first + "&limit=10", "X-API-Key", auditKey).json();
    assertThat(ofFirst.get("total").asInt()).isEqualTo(2);
    assertThat(ofFirst.get("limit").asInt()).isEqualTo(10);
    assertThat(ofFirst.get("offset").asInt()).isZero();
    assertThat(ofFirst.get("records"))
        .extracting(r -> r.get("call_id").asText())
        .containsExactlyInAnyOrder(a, b);

    JsonNode all = api.get("/api/v1/audit", "X-API-Key", auditKey).json();
    assertThat(all.get("limit").asInt()).isEqualTo(50);
    assertThat(all.get("records")).extracting(r -> r.get("call_id").asText()).contains(a, b, c);

    JsonNode page =
        api.get("/api/v1/audit?campaign_id=" + first + "&limit=1&offset=1", "X-API-Key", auditKey)
            .json();
    assertThat(page.get("records")).hasSize(1);
    assertThat(page.get("total").asInt()).isEqualTo(2);

    for (String bad : new String[] {"limit=201", "limit=0", "offset=-1", "limit=ten"}) {
      Reply reply = api.get("/api/v1/audit?" + bad, "X-API-Key", auditKey);
      assertError(reply, 400);
    }
  }

  @Test
  void auditNeedsTheAuditScopeAndShowsNothingOfOtherClients() {
    String campaign = createCampaign("+15559876543");
    String callId = recordCall(campaign, "voicemail", 30);
    assertError(api.get("/api/v1/audit/" + callId, "X-API-Key", key), 403);

    String stranger =
        Clients.newKey(server, Clients.newClientId("stranger"), "[\"audit\", \"campaigns\"]");
    assertError(api.get("/api/v1/audit/" + callId, "X-API-Key", stranger), 404);
    assertError(api.get("/api/v1/audit?campaign_id=" + campaign, "X-API-Key", stranger), 404);
    JsonNode strangers = api.get("/api/v1/audit", "X-API-Key", stranger).json();
    assertThat(strangers.get("total").asInt()).isZero();
    assertError(api.get("/api/v1/audit/call_doesnotexist00", "X-API-Key", auditKey), 404);

    api.delete("/api/v1/campaigns/" + campaign, null, "X-API-Key", key);
    assertError(api.get("/api/v1/audit/" + callId, "X-API-Key", auditKey), 404);
  }

  @Test
  void usageShowsTheMonthsCountersAndOnlyToItsOwnClient() {
    String usageClient = Clients.newClientId("usage");
    String usageKey = Clients.newKey(server, usageClient, "[\"campaigns\"]");
    api.post(
        "/api/v1/campaigns",
        """
        {"client_id": "%s", "name": "U", "system_prompt": "p", "caller_id": "+15551234567",
         "contacts": []}
        """
            .formatted(usageClient),
        "X-API-Key",
        usageKey);
    Database.update(
        server,
        "insert into client_usage (client_id, period, total_calls, total_seconds, human_answers,"
            + " voicemails_dropped) values (?, '2025-03', 8450, 374070, 2810, 4920)",
        usageClient);

    JsonNode march =
        api.get("/api/v1/clients/" + usageClient + "/usage?period=2025-03", "X-API-Key", usageKey)
            .json();
    assertThat(march.get("client_id").asText()).isEqualTo(usageClient);
    assertThat(march.get("period").asText()).isEqualTo("2025-03");
    assertThat(march.get("total_calls").asLong()).isEqualTo(8450);
    assertThat(march.get("total_minutes").asDouble()).isEqualTo(6234.5);
    assertThat(march.get("human_answers").asLong()).isEqualTo(2810);
    assertThat(march.get("voicemails_dropped").asLong()).isEqualTo(4920);
    assertThat(march.get("total_campaigns").asLong())
        .as("created this month, not in March")
        .isZero();

    JsonNode now =
        api.get("/api/v1/clients/" + usageClient + "/usage", "X-API-Key", usageKey).json();
    assertThat(now.get("period").asText()).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
    assertThat(now.get("total_campaigns").asLong()).isEqualTo(1);
    assertThat(now.get("total_calls").asLong()).isZero();

    assertError(
        api.get("/api/v1/clients/" + usageClient + "/usage?period=2025-13", "X-API-Key", usageKey),
        400);
    assertError(
        api.get("/api/v1/clients/" + usageClient + "/usage?period=March", "X-API-Key", usageKey),
        400);
    assertError(api.get("/api/v1/clients/" + client + "/usage", "X-API-Key", usageKey), 404);
  }

  @Test
  void jsonUploadKeepsGoodRowsCountsTheRestAndIsAJob() {
    String campaign = createCampaign("+15559876543");
    Reply reply =
        api.post(
            "/api/v1/campaigns/" + campaign + "/contacts/json",
            """
            [
            {"phone": "+15551234567", "first_name": "John", "last_name": "Smith"},
            {"phone": "+15559876543", "first_name": "Jane", "company": "Tech Inc"},
            {"phone": "not a phone"},
            {"first_name": "No phone"},
            {"Phone": "(212) 555-0188", "Title": "Nurse", "shift": "nights"},
            {"phone": "+1 555 123 4567"}
            ]
            """,
            "X-API-Key",
            key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode counts = reply.json();
    assertThat(counts.get("uploaded").asInt()).isEqualTo(2);
    assertThat(counts.get("duplicates_skipped").asInt())
        .as("one in the campaign, one in the upload")
        .isEqualTo(2);
    assertThat(counts.get("invalid_skipped").asInt()).isEqualTo(2);
    String jobId = counts.get("job_id").asText();
    assertThat(jobId).startsWith("job_");

    JsonNode job = api.get("/api/v1/jobs/" + jobId, "X-API-Key", key).json();
    assertThat(job.get("job_id").asText()).isEqualTo(jobId);
    assertThat(job.get("type").asText()).isEqualTo("contact_upload");
    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("progress").asInt()).isEqualTo(100);
    assertThat(job.get("result").get("uploaded").asInt()).isEqualTo(2);
    assertThat(job.get("result").get("errors").asInt()).isEqualTo(2);
    assertThat(job.get("result").get("row_errors"))
        .extracting(e -> e.get("row").asInt())
        .containsExactly(3, 4);
    assertThat(job.get("result").get("row_errors").get(1).get("detail").asText())
        .contains("phone is required");
    assertThat(job.get("created_at").asText()).endsWith("Z");
    assertThat(job.get("completed_at").asText()).endsWith("Z");

    JsonNode stats = api.get("/api/v1/campaigns/" + campaign + "/stats", "X-API-Key", key).json();
    assertThat(stats.get("total_contacts").asInt()).isEqualTo(3);

    String stranger = Clients.newKey(server, Clients.newClientId("stranger"), "[\"campaigns\"]");
    assertError(api.get("/api/v1/jobs/" + jobId, "X-API-Key", stranger), 404);
    assertError(
        api.post("/api/v1/campaigns/" + campaign + "/contacts/json", "[]", "X-API-Key", stranger),
        404);
  }

  @Test
  void jsonUploadRefusesWhatIsNotAnArrayAndEndedCampaigns() {
    String campaign = createCampaign("+15559876543");
    assertError(
        api.post(
            "/api/v1/campaigns/" + campaign + "/contacts/json",
            "{\"phone\": \"+15551234567\"}",
            "X-API-Key",
            key),
        400);
    assertError(
        api.post("/api/v1/campaigns/" + campaign + "/contacts/json", "[1, 2", "X-API-Key", key),
        400);
    Database.update(server, "update campaign set status = 'completed' where id = ?", campaign);
    assertError(
        api.post("/api/v1/campaigns/" + campaign + "/contacts/json", "[]", "X-API-Key", key), 409);
    assertError(api.get("/api/v1/jobs/job_doesnotexist00", "X-API-Key", key), 404);
  }
}
