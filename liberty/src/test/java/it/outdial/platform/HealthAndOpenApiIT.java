package it.outdial.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthAndOpenApiIT {
  private static Api api;

  @BeforeAll
  static void server() {
    api = TestServer.shared().api();
  }

  @Test
  void readinessChecksTheDatabase() {
    Api.Reply ready = api.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    JsonNode checks = ready.json().get("checks");
    assertThat(checks)
        .anySatisfy(
            check -> {
              assertThat(check.get("name").asText()).isEqualTo("database");
              assertThat(check.get("status").asText()).isEqualTo("UP");
            });
  }

  @Test
  void openApiDescribesEveryAdminEndpointWithTheWireFieldNames() {
    Api.Reply document = api.get("/openapi", "Accept", "application/json");
    assertThat(document.status()).isEqualTo(200);
    JsonNode paths = document.json().get("paths");
    JsonNode keys = paths.get("/admin/api-keys");
    assertThat(keys.has("post")).isTrue();
    assertThat(keys.has("get")).isTrue();
    assertThat(keys.has("delete")).isTrue();
    assertThat(paths.get("/admin/api-keys/{client_id}").has("get")).isTrue();
    JsonNode schemas = document.json().get("components").get("schemas");
    assertThat(schemas.get("CreatedApiKey").get("properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "api_key", "key_hash", "client_id", "name", "scopes", "created_at", "warning");
    assertThat(schemas.get("Error").get("properties").has("detail")).isTrue();
  }

  @Test
  void openApiDescribesEveryApiEndpointWithItsSecurityAndErrors() {
    JsonNode document = api.get("/openapi", "Accept", "application/json").json();
    JsonNode paths = document.get("paths");
    String[][] endpoints = {
      {"/api/v1/campaigns", "post"},
      {"/api/v1/campaigns", "get"},
      {"/api/v1/campaigns/{campaign_id}", "get"},
      {"/api/v1/campaigns/{campaign_id}", "delete"},
      {"/api/v1/campaigns/{campaign_id}/pause", "post"},
      {"/api/v1/campaigns/{campaign_id}/resume", "post"},
      {"/api/v1/campaigns/{campaign_id}/stats", "get"},
      {"/api/v1/campaigns/{campaign_id}/contacts/json", "post"},
      {"/api/v1/jobs/{job_id}", "get"},
      {"/api/v1/clients/{client_id}/usage", "get"},
      {"/api/v1/clients/{client_id}/dnc", "get"},
      {"/api/v1/clients/{client_id}/dnc", "post"},
      {"/api/v1/clients/{client_id}/dnc/{phone_number}", "get"},
      {"/api/v1/audit", "get"},
      {"/api/v1/audit/{call_id}", "get"},
      {"/api/v1/calls/{call_id}/transcript", "get"},
      {"/api/v1/agents", "post"},
      {"/api/v1/agents", "get"},
      {"/api/v1/agents/{agent_id}", "get"},
      {"/api/v1/agents/{agent_id}", "put"},
      {"/api/v1/agents/{agent_id}", "delete"},
      {"/api/v1/calls/{call_id}/metadata", "post"},
      {"/api/v1/calls/{call_id}/end", "post"},
      {"/api/v1/calls/{call_id}/transfer", "post"},
      {"/api/v1/calls/agent-availability", "get"},
      {"/api/v1/transfer-targets", "post"},
      {"/api/v1/transfer-targets", "get"},
      {"/api/v1/transfer-targets/{target_id}", "get"},
      {"/api/v1/transfer-targets/{target_id}", "put"},
      {"/api/v1/transfer-targets/{target_id}", "delete"},
      {"/api/v1/transfer-targets/{target_id}/status", "patch"},
      {"/api/v1/transfer-targets/{target_id}/status", "put"},
      {"/api/v1/webhooks", "post"},
      {"/api/v1/webhooks", "get"},
      {"/api/v1/webhooks/{webhook_id}", "get"},
      {"/api/v1/webhooks/{webhook_id}", "patch"},
      {"/api/v1/webhooks/{webhook_id}", "delete"},
      {"/api/v1/webhooks/{webhook_id}/rotate-secret", "post"},
      {"/api/v1/webhooks/{webhook_id}/deliveries", "get"},
      {"/api/v1/sms", "get"},
      {"/api/v1/sms/{sms_id}", "get"},
    };
    for (String[] endpoint : endpoints) {
      JsonNode operation = paths.path(endpoint[0]).path(endpoint[1]);
      assertThat(operation.isMissingNode()).as(endpoint[1] + " " + endpoint[0]).isFalse();
      assertThat(operation.path("summary").asText()).as("summary of " + endpoint[0]).isNotBlank();
      assertThat(operation.path("security").toString()).contains("apiKey");
      JsonNode responses = operation.path("responses");
      assertThat(responses.fieldNames())
          .toIterable()
          .as("responses of %s %s", endpoint[1], endpoint[0])
          .contains("401", "403");
      boolean documentedSuccess =
          responses.has("200") || responses.has("201") || responses.has("202");
      assertThat(documentedSuccess).as("success of " + endpoint[0]).isTrue();
    }
    JsonNode sendSms = paths.path("/api/v1/sms").path("post");
    assertThat(sendSms.path("responses").fieldNames())
        .toIterable()
        .contains("202", "400", "401", "403", "404", "422", "429");
    JsonNode schemas = document.get("components").get("schemas");
    assertThat(schemas.get("Sms").get("properties").fieldNames())
        .toIterable()
        .contains("sms_id", "status", "to", "from", "text", "provider_message_id", "error");
    assertThat(schemas.get("SmsFollowUpRequest").get("properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("dispositions", "text");
    assertThat(schemas.get("CampaignStats").get("properties").fieldNames())
        .toIterable()
        .contains("har_percent", "avg_call_duration_s", "elapsed_s")
        .contains("contacts_processed", "successful_calls", "failed_calls", "completed_at")
        .contains("first_audio_p50_ms", "voice_to_voice_p95_ms", "abandonment_rate");
    assertThat(schemas.get("Campaign").get("properties").fieldNames())
        .toIterable()
        .contains(
            "scheduled_start", "actual_start", "retry_policy", "calling_rules", "sms_follow_up")
        .contains("effective_max_concurrent", "pause_reason");
    assertThat(schemas.get("AuditAudio").get("properties").fieldNames())
        .toIterable()
        .contains("first_audio_ms", "dead_air_ms", "voice_to_voice_ms", "endpointing_ms");
    assertThat(schemas.get("CreateCampaignRequest").get("properties").fieldNames())
        .toIterable()
        .contains("scheduled_start", "retry_policy", "calling_rules", "sms_follow_up");
    assertThat(schemas.get("CallingRulesRequest").get("properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("hours", "days", "max_attempts_per_number_per_day");
    assertThat(schemas.get("CampaignStats").at("/properties/successful_calls/description").asText())
        .contains("person answered");
    assertThat(schemas.get("AuditRecord").get("properties").fieldNames())
        .toIterable()
        .contains(
            "call_id",
            "transcript",
            "intents",
            "started_at",
            "analysis",
            "end_reason",
            "transfers");
    assertThat(schemas.get("CallTransferRequest").get("properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("transfer_target_id", "queue_id", "briefing", "mode");
    assertThat(paths.at("/~1api~1v1~1calls~1{call_id}~1transfer/post/responses").fieldNames())
        .toIterable()
        .contains("202", "400", "404", "409", "503");
    assertThat(schemas.get("TransferTargetRequest").get("properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("type", "name", "address", "status", "queue_ids");
    assertThat(schemas.get("CallEnd").get("properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("call_id", "status", "end_requested_at");
  }

  @Test
  void openApiDescribesEveryWebhookEventTheServerSends() {
    JsonNode document = api.get("/openapi", "Accept", "application/json").json();
    JsonNode webhooks = document.get("webhooks");
    assertThat(webhooks.fieldNames())
        .toIterable()
        .contains(
            "call.started",
            "call.ended",
            "campaign.status_changed",
            "job.completed",
            "call.analyzed",
            "call.transfer_started",
            "call.transfer_completed",
            "call.transfer_failed",
            "webhook.verification");
    JsonNode post = webhooks.get("call.ended").get("post");
    assertThat(post.get("parameters").toString())
        .contains("webhook-id", "webhook-timestamp", "webhook-signature");
    JsonNode ended = document.get("components").get("schemas").get("WebhookEvent_call_ended");
    assertThat(ended.at("/properties/data/properties").fieldNames())
        .toIterable()
        .contains("call_id", "disposition", "transcript", "contact", "metadata", "ended_at");
  }

  @Test
  void openApiUiIsServed() {
    Api.Reply ui = api.get("/openapi/ui/");
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("<html");
  }

  @Test
  void flywayMigrationsRanAndAreRecorded() throws Exception {
    try (var connection =
            java.sql.DriverManager.getConnection(
                TestServer.shared().database().jdbcUrl(), "postgres", "postgres");
        var rs =
            connection
                .createStatement()
                .executeQuery(
                    "select count(*) from flyway_schema_history where success and version = '1'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }
}
