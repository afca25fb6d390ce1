package it.outdial.agent;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agents through the HTTP API as an integrator uses them: created, read, listed, replaced and
 * deleted; campaigns calling with one (through the simulator, whose 555-011X numbers are answered
 * "interested"); every refusal a {@code {"detail": ...}} naming the field; another client's key
 * sees none of it.
 */
@ServerGroup(ServerGroup.DIALING)
class AgentsIT {
  private static final String AGENT =
      """
      {"name": "Healthcare recruiter", "voice": "leo",
       "system_prompt": "You are a recruiter calling about healthcare jobs.",
       "greeting_text": "%s", "voicemail_text": "Please call Acme back.",
       "first_message_mode": "assistant_waits_for_user",
       "analysis_plan": {"summary": true,
         "structured_data": [
           {"name": "interested", "type": "boolean", "description": "Wants to hear more"},
           {"name": "shift", "type": "string", "enum": ["day", "night"]}],
         "success_evaluation": "The callee agreed to a follow-up"},
       "llm_model": "gpt-4o-mini", "llm_temperature": 0.2}
      """;

  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.dialing();
    api = server.api();
  }

  private record Tenant(String client, String key) {
    static Tenant fresh(String prefix) {
      String id = Clients.newClientId(prefix);
      return new Tenant(id, Clients.newKey(server, id, "[\"campaigns\", \"audit\"]"));
    }

    Reply create(String json) {
      return api.post("/api/v1/agents", json, "X-API-Key", key);
    }

    Reply get(String path) {
      return api.get(path, "X-API-Key", key);
    }

    Reply put(String agent, String json) {
      return api.send("PUT", "/api/v1/agents/" + agent, json, "application/json", "X-API-Key", key);
    }

    Reply delete(String path) {
      return api.delete(path, null, "X-API-Key", key);
    }

    String agent(String greeting) {
      Reply created = create(AGENT.formatted(greeting));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      return created.json().get("agent_id").asText();
    }

    Reply campaign(String fields, int maxConcurrent, List<String> phones) {
      return api.post(
          "/api/v1/campaigns",
          """
          {"client_id": "%s", "name": "Agent test", "caller_id": "+15551234567",
           "max_concurrent": %d, "contacts": %s, %s}
          """
              .formatted(client, maxConcurrent, Contacts.json(phones), fields),
          "X-API-Key",
          key);
    }
  }

  private static String detail(Reply reply, int status) {
    assertError(reply, status);
    return reply.json().get("detail").asText();
  }

  @Test
  void anAgentIsCreatedReadListedReplacedAndDeleted() {
    Tenant acme = Tenant.fresh("agents-crud");
    Reply created = acme.create(AGENT.formatted("Hello from Acme."));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode agent = created.json();
    String id = agent.get("agent_id").asText();
    assertThat(id).startsWith("agent_");
    assertThat(created.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/agents/" + id));
    assertThat(agent.get("client_id").asText()).isEqualTo(acme.client());
    assertThat(agent.get("voice").asText()).isEqualTo("leo");
    assertThat(agent.get("greeting_text").asText()).isEqualTo("Hello from Acme.");
    assertThat(agent.get("first_message_mode").asText()).isEqualTo("assistant_waits_for_user");
    assertThat(agent.get("llm_model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(agent.get("llm_temperature").asDouble()).isEqualTo(0.2);
    assertThat(agent.get("revision").asLong()).isEqualTo(1);
    JsonNode plan = agent.get("analysis_plan");
    assertThat(plan.get("summary").asBoolean()).isTrue();
    assertThat(plan.get("structured_data").get(1).get("enum").toString())
        .isEqualTo("[\"day\",\"night\"]");
    assertThat(plan.get("success_evaluation").asText())
        .isEqualTo("The callee agreed to a follow-up");
    assertThat(acme.get("/api/v1/agents/" + id).json()).isEqualTo(agent);

    // defaults: voice tara, speaks first, a summary only, no model of its own
    Reply bare = acme.create("{\"name\": \"Bare\", \"system_prompt\": \"You are brief.\"}");
    assertThat(bare.status()).as(bare.body()).isEqualTo(201);
    assertThat(bare.json().get("voice").asText()).isEqualTo("tara");
    assertThat(bare.json().get("first_message_mode").asText()).isEqualTo("assistant_speaks_first");
    assertThat(bare.json().get("analysis_plan").get("structured_data")).isEmpty();
    assertThat(bare.json().get("llm_model").isNull()).isTrue();

    JsonNode list = acme.get("/api/v1/agents").json();
    assertThat(list.get("total").asLong()).isEqualTo(2);
    assertThat(list.get("limit").asInt()).isEqualTo(20);
    assertThat(list.get("agents").get(0).get("agent_id").asText()).isEqualTo(id);
    JsonNode page = acme.get("/api/v1/agents?limit=1&offset=1").json();
    assertThat(page.get("agents")).hasSize(1);
    assertThat(page.get("agents").get(0).get("agent_id").asText())
        .isEqualTo(bare.json().get("agent_id").asText());
    assertThat(detail(acme.get("/api/v1/agents?limit=0"), 400)).contains("limit");

    Reply replaced =
        acme.put(
            id, "{\"name\": \"Renamed\", \"system_prompt\": \"New prompt.\", \"voice\": \"mia\"}");
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("name").asText()).isEqualTo("Renamed");
    assertThat(replaced.json().get("voice").asText()).isEqualTo("mia");
    assertThat(replaced.json().get("greeting_text").isNull()).as("replaced, not merged").isTrue();
    assertThat(replaced.json().get("revision").asLong()).isEqualTo(2);
    assertThat(acme.get("/api/v1/agents/" + id).json()).isEqualTo(replaced.json());

    Reply deleted = acme.delete("/api/v1/agents/" + id);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
    assertThat(detail(acme.get("/api/v1/agents/" + id), 404)).isEqualTo("Agent not found");
    assertThat(detail(acme.delete("/api/v1/agents/" + id), 404)).isEqualTo("Agent not found");
    assertThat(detail(acme.get("/api/v1/agents/not-an-id"), 404)).isEqualTo("Agent not found");
  }

  @Test
  void refusalsNameTheField() {
    Tenant acme = Tenant.fresh("agents-invalid");
    assertThat(detail(acme.create("{\"system_prompt\": \"p\"}"), 400)).contains("name");
    assertThat(detail(acme.create("{\"name\": \"n\"}"), 400)).contains("system_prompt");
    assertThat(
            detail(
                acme.create("{\"name\": \"n\", \"system_prompt\": \"p\", \"voice\": \"robot\"}"),
                400))
        .contains("voice");
    assertThat(
            detail(
                acme.create(
                    "{\"name\": \"n\", \"system_prompt\": \"p\","
                        + " \"first_message_mode\": \"never\"}"),
                400))
        .contains("first_message_mode");
    assertThat(
            detail(
                acme.create("{\"name\": \"n\", \"system_prompt\": \"p\", \"llm_temperature\": 3}"),
                400))
        .contains("llm_temperature");
    assertThat(
            detail(
                acme.create(
                    "{\"name\": \"n\", \"system_prompt\": \"p\", \"analysis_plan\":"
                        + " {\"structured_data\": [{\"name\": \"ok\", \"type\": \"text\"}]}}"),
                400))
        .contains("analysis_plan.structured_data[0].type");
    assertThat(
            detail(
                acme.create(
                    "{\"name\": \"n\", \"system_prompt\": \"p\", \"analysis_plan\":"
                        + " {\"structured_data\": [{\"name\": \"a\", \"type\": \"number\","
                        + " \"enum\": [\"1\"]}]}}"),
                400))
        .contains("analysis_plan.structured_data[0].enum");
    assertThat(acme.get("/api/v1/agents").json().get("total").asLong()).isZero();
  }

  @Test
  void anotherClientsAgentIsNotFoundAnywhere() {
    Tenant acme = Tenant.fresh("agents-acme");
    Tenant other = Tenant.fresh("agents-other");
    String id = acme.agent("Hello from Acme.");
    String path = "/api/v1/agents/" + id;

    assertThat(detail(other.get(path), 404)).isEqualTo("Agent not found");
    assertThat(detail(other.put(id, "{\"name\": \"n\", \"system_prompt\": \"p\"}"), 404))
        .isEqualTo("Agent not found");
    assertThat(detail(other.delete(path), 404)).isEqualTo("Agent not found");
    assertThat(other.get("/api/v1/agents").json().get("total").asLong()).isZero();
    assertThat(
            detail(other.campaign("\"agent_id\": \"" + id + "\"", 1, List.of("+12125550110")), 404))
        .contains("agent_id");
    String auditOnly = Clients.newKey(server, acme.client(), "[\"audit\"]");
    assertError(api.get(path, "X-API-Key", auditOnly), 403);
    assertError(api.get(path), 401);
    assertThat(acme.get(path).json().get("greeting_text").asText()).isEqualTo("Hello from Acme.");
  }

  @Test
  void aCampaignTakesAnAgentOrInlineTextsNotBoth() {
    Tenant acme = Tenant.fresh("agents-both");
    String id = acme.agent("Hello.");
    for (String inline :
        List.of(
            "\"system_prompt\": \"p\"",
            "\"voice\": \"tara\"",
            "\"greeting_text\": \"g\"",
            "\"voicemail_text\": \"v\"")) {
      String field = inline.substring(1, inline.indexOf('"', 1));
      assertThat(
              detail(
                  acme.campaign(
                      "\"agent_id\": \"" + id + "\", " + inline, 1, List.of("+12125550110")),
                  400))
          .as(field)
          .startsWith(field + " must be left out when agent_id is given");
    }
    assertThat(detail(acme.campaign("\"agent_id\": \"camp_x\"", 1, List.of("+12125550110")), 400))
        .contains("agent_id");
    assertThat(
            detail(
                acme.campaign("\"agent_id\": \"agent_nosuch\"", 1, List.of("+12125550110")), 404))
        .contains("agent_id");
    assertThat(detail(acme.campaign("\"voice\": \"tara\"", 1, List.of("+12125550110")), 400))
        .as("without an agent the prompt is required as before")
        .contains("system_prompt");
    assertThat(acme.get("/api/v1/campaigns").json().get("total").asLong()).isZero();
  }

  /**
   * A campaign with an agent dials with the agent's greeting; an agent change counts for the calls
   * placed afterwards, while those placed before keep what they were placed with. The campaign is
   * paused while the agent changes (one line, so that contacts still wait), as an integrator would.
   */
  @Test
  void aCampaignCallsWithItsAgentAndAChangeCountsForLaterCallsOnly() {
    Tenant acme = Tenant.fresh("agents-dial");
    String agent = acme.agent("Hello, this is the first greeting.");
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      phones.add("+1212555011" + i);
    }
    String last = "+12135550111";
    phones.add(last);
    Reply created = acme.campaign("\"agent_id\": \"" + agent + "\"", 1, phones);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String campaign = created.json().get("campaign_id").asText();
    Reply paused = api.pauseOnceActive(campaign, acme.key());
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    await("calls in flight end")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Database.callsInFlight(server, campaign) == 0);
    assertThat(
            Database.number(
                server,
                "select count(*) from contact where campaign_id = ? and phone = ? and status = 'pending'",
                campaign,
                last))
        .as("the last contact still waits")
        .isEqualTo(1);

    JsonNode view = acme.get("/api/v1/campaigns/" + campaign).json();
    assertThat(view.get("agent_id").asText()).isEqualTo(agent);
    assertThat(view.get("voice").asText()).isEqualTo("leo");
    assertThat(view.get("greeting_text").asText()).isEqualTo("Hello, this is the first greeting.");

    Reply changed =
        acme.put(
            agent,
            AGENT
                .formatted("Hi, this is the second greeting.")
                .replace("\"leo\"", "\"zac\"")
                .replace("assistant_waits_for_user", "assistant_speaks_first"));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    JsonNode after = acme.get("/api/v1/campaigns/" + campaign).json();
    assertThat(after.get("greeting_text").asText()).isEqualTo("Hi, this is the second greeting.");
    assertThat(after.get("voice").asText()).isEqualTo("zac");
    List<JsonNode> before = audit(acme, campaign);
    assertThat(before).isNotEmpty();

    Reply resumed =
        api.post("/api/v1/campaigns/" + campaign + "/resume", "", "X-API-Key", acme.key());
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    await("campaign completed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                acme.get("/api/v1/campaigns/" + campaign)
                    .json()
                    .get("status")
                    .asText()
                    .equals("completed"));

    List<JsonNode> calls = audit(acme, campaign);
    assertThat(calls).hasSize(phones.size());
    List<String> placedBefore = new ArrayList<>();
    before.forEach(c -> placedBefore.add(c.get("call_id").asText()));
    for (JsonNode call : calls) {
      JsonNode transcript = call.get("transcript");
      String phone = call.get("contact").get("phone").asText();
      if (placedBefore.contains(call.get("call_id").asText())) {
        // the first revision waits for the callee: the simulated person, hearing nothing, asks
        assertThat(transcript.get(0).get("role").asText()).as(phone).isEqualTo("user");
        assertThat(transcript.get(0).get("content").asText()).as(phone).isEqualTo("Hello?");
        assertThat(transcript.get(1).get("content").asText())
            .as(phone)
            .startsWith("Hello, this is the first greeting.");
      } else {
        // the second speaks first
        assertThat(transcript.get(0).get("role").asText()).as(phone).isEqualTo("assistant");
        assertThat(transcript.get(0).get("content").asText())
            .as(phone)
            .startsWith("Hi, this is the second greeting.");
      }
    }
    assertThat(calls)
        .filteredOn(c -> c.get("contact").get("phone").asText().equals(last))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.get("transcript").get(0).get("content").asText())
                    .startsWith("Hi, this is the second greeting."));

    // the agent stays while a campaign uses it; once the campaign is deleted it may go
    assertThat(detail(acme.delete("/api/v1/agents/" + agent), 409))
        .isEqualTo("Agent " + agent + " is used by 1 campaign; delete it first");
    assertThat(acme.delete("/api/v1/campaigns/" + campaign).status()).isEqualTo(200);
    assertThat(acme.delete("/api/v1/agents/" + agent).status()).isEqualTo(200);
  }

  /**
   * A person answering a campaign's agent gets the agent's analysis plan run by the scripted
   * analyzer (the server's agent is the scripted one): in the audit record, the transcript endpoint
   * and a {@code call.analyzed} webhook; a voicemail gets none.
   */
  @Test
  void anAnsweredCallIsAnalysedByTheAgentsPlan() {
    Tenant acme = Tenant.fresh("agents-analysis");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Reply hook =
          api.post(
              "/api/v1/webhooks",
              "{\"url\": \"%s\", \"events\": [\"call.analyzed\"]}"
                  .formatted(receiver.url("/analyzed")),
              "X-API-Key",
              acme.key());
      assertThat(hook.status()).as(hook.body()).isEqualTo(201);
      String hookId = hook.json().get("webhook_id").asText();
      await("endpoint verified")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  acme.get("/api/v1/webhooks/" + hookId)
                      .json()
                      .get("status")
                      .asText()
                      .equals("active"));
      String agent = acme.agent("Hello from Acme.");
      String answered = "+12125550112";
      String machine = "+12125550161";
      Reply created =
          acme.campaign("\"agent_id\": \"" + agent + "\"", 2, List.of(answered, machine));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String campaign = created.json().get("campaign_id").asText();

      await("the answered call analysed")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  audit(acme, campaign).stream()
                      .anyMatch(
                          c -> c.path("analysis").path("status").asText().equals("completed")));
      List<JsonNode> calls = audit(acme, campaign);
      JsonNode call =
          calls.stream()
              .filter(c -> c.get("contact").get("phone").asText().equals(answered))
              .findFirst()
              .orElseThrow();
      JsonNode analysis = call.get("analysis");
      assertThat(analysis.get("analyzer").asText()).isEqualTo("scripted");
      assertThat(analysis.get("summary").asText())
          .matches("Contact\\d+ answered; the call ended human_interested after \\d+ turns\\..*");
      assertThat(analysis.get("structured_data").get("interested").asBoolean()).isTrue();
      assertThat(analysis.get("structured_data").has("shift")).isTrue();
      assertThat(analysis.get("success_evaluation").get("success").asBoolean()).isTrue();
      await("the voicemail ended")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  audit(acme, campaign).stream()
                      .anyMatch(
                          c ->
                              c.get("contact").get("phone").asText().equals(machine)
                                  && !c.get("ended_at").isNull()));
      assertThat(audit(acme, campaign))
          .filteredOn(c -> c.get("contact").get("phone").asText().equals(machine))
          .singleElement()
          .satisfies(c -> assertThat(c.get("analysis").isNull()).as("no analysis").isTrue());

      String callId = call.get("call_id").asText();
      Reply transcript = acme.get("/api/v1/calls/" + callId + "/transcript");
      assertThat(transcript.status()).as(transcript.body()).isEqualTo(200);
      assertThat(transcript.json().get("transcript")).isEqualTo(call.get("transcript"));
      assertThat(transcript.json().get("analysis")).isEqualTo(analysis);
      Tenant other = Tenant.fresh("agents-analysis-other");
      assertThat(detail(other.get("/api/v1/calls/" + callId + "/transcript"), 404))
          .isEqualTo("Call not found");

      await("call.analyzed delivered")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  receiver.events("/analyzed").stream()
                      .anyMatch(e -> e.type().equals("call.analyzed")));
      JsonNode data =
          receiver.events("/analyzed").stream()
              .filter(e -> e.type().equals("call.analyzed"))
              .findFirst()
              .orElseThrow()
              .json()
              .get("data");
      assertThat(data.get("call_id").asText()).isEqualTo(callId);
      assertThat(data.get("campaign_id").asText()).isEqualTo(campaign);
      assertThat(data.get("analysis")).isEqualTo(analysis);
    }
  }

  private static List<JsonNode> audit(Tenant tenant, String campaign) {
    Reply reply = tenant.get("/api/v1/audit?campaign_id=" + campaign + "&limit=200");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> records = new ArrayList<>();
    reply.json().get("records").forEach(records::add);
    return records;
  }
}
