package it.outdial.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import it.outdial.support.Api;
import it.outdial.support.Api.Reply;
import it.outdial.support.ChatCompletionsStub;
import it.outdial.support.Clients;
import it.outdial.support.Contacts;
import it.outdial.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server whose voice agent and post-call analysis use an OpenAI-compatible model server: a stub
 * on loopback (a model server cannot run here) that answers the conversation with a JSON reply and
 * the analysis with JSON following the plan's schema, and fails the analysis of calls whose agent's
 * prompt asks it to. The agent's own model and temperature are what the stub is asked for.
 */
class OpenAiAgentIT {
  private static final String FAIL_ANALYSIS = "[stub: fail the analysis]";
  private static final String AGENT =
      """
      {"name": "Recruiter on a model", "voice": "leo",
       "system_prompt": "You are a recruiter calling about healthcare jobs. %s",
       "greeting_text": "Hello from Acme Staffing, are you open to new roles?",
       "first_message_mode": "assistant_speaks_first",
       "analysis_plan": {"summary": true,
         "structured_data": [
           {"name": "interested", "type": "boolean", "description": "Wants to hear more"},
           {"name": "shift", "type": "string", "enum": ["day", "night"]}],
         "success_evaluation": "The callee agreed to a follow-up"},
       "llm_model": "gpt-4o-mini", "llm_temperature": 0.7}
      """;
  private static final String REPLY =
      "{\"say\": \"Wonderful, a recruiter will call you tomorrow. Goodbye.\", \"intents\":"
          + " [{\"intent\": \"schedule\", \"confidence\": 0.9}], \"disposition\":"
          + " \"human_interested\", \"end_call\": true}";
  private static final String ANALYSIS =
      "{\"summary\": \"The callee wants night shifts and a call tomorrow.\", \"structured_data\":"
          + " {\"interested\": true, \"shift\": \"night\"}, \"success_evaluation\": {\"success\":"
          + " true, \"reason\": \"A follow-up was agreed.\"}}";

  private static ChatCompletionsStub model;
  private static TestServer server;
  private static Api api;
  private static String client;
  private static String key;

  @BeforeAll
  static void start() {
    model =
        new ChatCompletionsStub(
            request -> {
              if (!ChatCompletionsStub.isAnalysis(request)) {
                return REPLY;
              }
              return ChatCompletionsStub.system(request).contains(FAIL_ANALYSIS) ? null : ANALYSIS;
            });
    server = TestServer.isolatedWithAdminKey("outdial-openai-agent");
    TestServer.dialingSettings(server)
        .with("OUTDIAL_AGENT", "openai")
        .with("OUTDIAL_AGENT_OPENAI_BASE_URL", model.base())
        .with("OUTDIAL_AGENT_OPENAI_MODEL", "server-model")
        .with("OUTDIAL_AGENT_OPENAI_JSON_MODE", "true");
    server.start();
    api = server.api();
    client = Clients.newClientId("openai-agent");
    key = Clients.newKey(server, client, "[\"campaigns\", \"audit\"]");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (model != null) {
      model.close();
    }
  }

  @Test
  void theConversationAndItsAnalysisRunOnTheAgentsModel() {
    String campaign = campaign(agent(""), "+12125550113");

    JsonNode call = analysed(campaign, "completed");

    assertThat(call.get("disposition").asText()).isEqualTo("human_interested");
    JsonNode transcript = call.get("transcript");
    assertThat(transcript.get(0).get("content").asText())
        .as("the greeting, spoken first without asking the model")
        .isEqualTo("Hello from Acme Staffing, are you open to new roles?");
    assertThat(transcript.get(transcript.size() - 1).get("content").asText())
        .isEqualTo("Wonderful, a recruiter will call you tomorrow. Goodbye.");

    JsonNode analysis = call.get("analysis");
    assertThat(analysis.get("analyzer").asText()).isEqualTo("openai");
    assertThat(analysis.get("summary").asText())
        .isEqualTo("The callee wants night shifts and a call tomorrow.");
    assertThat(analysis.get("structured_data").get("interested").asBoolean()).isTrue();
    assertThat(analysis.get("structured_data").get("shift").asText()).isEqualTo("night");
    assertThat(analysis.get("success_evaluation").get("success").asBoolean()).isTrue();

    List<JsonNode> asked = model.requests();
    List<JsonNode> turns = asked.stream().filter(r -> !ChatCompletionsStub.isAnalysis(r)).toList();
    List<JsonNode> analyses = asked.stream().filter(ChatCompletionsStub::isAnalysis).toList();
    assertThat(turns).isNotEmpty();
    assertThat(analyses).isNotEmpty();
    for (JsonNode turn : turns) {
      assertThat(turn.get("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(turn.get("temperature").asDouble()).isEqualTo(0.7);
      assertThat(turn.path("response_format").path("type").asText()).isEqualTo("json_object");
    }
    JsonNode schema = analyses.get(0).path("response_format").path("json_schema");
    assertThat(schema.get("strict").asBoolean()).isTrue();
    JsonNode fields =
        schema.path("schema").path("properties").path("structured_data").path("properties");
    assertThat(fields.has("interested")).as("the plan's fields in the schema").isTrue();
    assertThat(fields.has("shift")).as("the plan's fields in the schema").isTrue();
    assertThat(analyses.get(0).get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(analyses.get(0).path("messages").path(1).path("content").asText())
        .contains("Callee: ")
        .contains("Agent: Hello from Acme Staffing");
  }

  @Test
  void aFailedAnalysisIsRecordedAndTheCallRecordKept() {
    String campaign = campaign(agent(FAIL_ANALYSIS), "+12125550114");

    JsonNode call = analysed(campaign, "failed");

    assertThat(call.get("disposition").asText()).isEqualTo("human_interested");
    assertThat(call.get("transcript").size()).isGreaterThanOrEqualTo(3);
    assertThat(call.get("analysis").get("error").asText())
        .as("says what failed, without the server's answer")
        .contains("500")
        .doesNotContain("stub failure");
    assertThat(call.get("analysis").has("summary")).isFalse();
    Reply transcript = get("/api/v1/calls/" + call.get("call_id").asText() + "/transcript");
    assertThat(transcript.status()).as(transcript.body()).isEqualTo(200);
    assertThat(transcript.json().get("transcript")).isEqualTo(call.get("transcript"));
    assertThat(transcript.json().get("analysis").get("status").asText()).isEqualTo("failed");
  }

  private static String agent(String promptSuffix) {
    Reply created = api.post("/api/v1/agents", AGENT.formatted(promptSuffix), "X-API-Key", key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("agent_id").asText();
  }

  private static String campaign(String agent, String phone) {
    Reply created =
        api.post(
            "/api/v1/campaigns",
            """
            {"client_id": "%s", "name": "Model test", "caller_id": "+15551234567",
             "agent_id": "%s", "contacts": %s}
            """
                .formatted(client, agent, Contacts.json(List.of(phone))),
            "X-API-Key",
            key);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("campaign_id").asText();
  }

  /** The campaign's one call record once its analysis reached {@code status}. */
  private static JsonNode analysed(String campaign, String status) {
    await("the call's analysis " + status)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                audit(campaign).stream()
                    .anyMatch(c -> c.path("analysis").path("status").asText().equals(status)));
    List<JsonNode> calls = audit(campaign);
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  private static Reply get(String path) {
    return api.get(path, "X-API-Key", key);
  }

  private static List<JsonNode> audit(String campaign) {
    Reply reply = get("/api/v1/audit?campaign_id=" + campaign + "&limit=10");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> records = new ArrayList<>();
    reply.json().get("records").forEach(records::add);
    return records;
  }
}
