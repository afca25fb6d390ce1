package io.outdial.dialer.agent.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.DataField;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.dialer.agent.AgentException;
import io.outdial.persistence.analysis.AnalysisTask;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsAnalyzerTest {
  private static final AnalysisPlan PLAN =
      new AnalysisPlan(
          true,
          List.of(
              DataField.of("f", "interested", "boolean", "Wants the job", null),
              DataField.of("f", "shift", "string", null, List.of("day", "night")),
              DataField.of("f", "years", "integer", null, null)),
          Optional.of("The callee agreed to an interview"));

  private final ObjectMapper json = new ObjectMapper();
  private final StubServer server = new StubServer("/v1/chat/completions");

  @AfterEach
  void stop() {
    server.close();
  }

  private static AnalysisTask task(LlmOptions llm) {
    return new AnalysisTask(
        CallId.random(),
        ClientId.of("acme"),
        CampaignId.random(),
        Optional.of("human_interested"),
        Optional.of("John"),
        "[{\"role\": \"assistant\", \"content\": \"Hello John.\"},"
            + " {\"role\": \"user\", \"content\": \"Yes, nights please.\"}]",
        Optional.of(PLAN),
        llm,
        Optional.of("You recruit nurses."));
  }

  private ChatCompletionsAnalyzer analyzer() {
    return new ChatCompletionsAnalyzer(
        new ChatCompletionsConfig(
            server.base(), "server-model", Optional.of("sk-x"), Duration.ofSeconds(5), true));
  }

  private String completion(String content) {
    ObjectNode root = json.createObjectNode();
    root.putArray("choices").addObject().putObject("message").put("content", content);
    return root.toString();
  }

  @Test
  void asksForThePlansJsonSchemaWithTheAgentsModelAndKeepsOnlyThePlansFields() throws Exception {
    server.answerJson(
        200,
        completion(
            """
            {"summary": "John wants night shifts.",
             "structured_data": {"interested": true, "shift": "evening", "years": 4, "extra": 1},
             "success_evaluation": {"success": true, "reason": "He agreed."},
             "unasked": "dropped"}
            """));

    ObjectNode result =
        analyzer()
            .analyze(task(new LlmOptions(Optional.of("agent-model"), Optional.of(0.7))), PLAN)
            .toCompletableFuture()
            .join();

    assertThat(json.readTree(result.toString()))
        .as("as sent")
        .isEqualTo(
            json.readTree(
                """
                {"summary": "John wants night shifts.",
                 "structured_data": {"interested": true, "shift": null, "years": 4},
                 "success_evaluation": {"success": true, "reason": "He agreed."}}
                """));
    JsonNode request = json.readTree(server.lastBody);
    assertThat(request.get("model").asText()).isEqualTo("agent-model");
    assertThat(request.get("temperature").asDouble()).isEqualTo(0.7);
    assertThat(request.at("/response_format/type").asText()).isEqualTo("json_schema");
    JsonNode schema = request.at("/response_format/json_schema/schema");
    assertThat(schema.at("/properties/structured_data/required").toString())
        .isEqualTo("[\"interested\",\"shift\",\"years\"]");
    assertThat(schema.at("/properties/structured_data/properties/shift/enum").toString())
        .isEqualTo("[\"day\",\"night\",null]");
    assertThat(request.at("/messages/1/content").asText()).contains("Callee: Yes, nights please.");
    assertThat(server.lastAuthorization).isEqualTo("Bearer sk-x");
  }

  @Test
  void theServersModelAndTemperatureZeroWithoutTheAgentsOwn() throws Exception {
    server.answerJson(200, completion("{\"summary\": \"s\", \"structured_data\": {}}"));
    ObjectNode result =
        analyzer().analyze(task(LlmOptions.NONE), PLAN).toCompletableFuture().join();
    JsonNode request = json.readTree(server.lastBody);
    assertThat(request.get("model").asText()).isEqualTo("server-model");
    assertThat(request.get("temperature").asDouble()).isZero();
    assertThat(result.get("structured_data").get("interested").isNull()).isTrue();
    assertThat(result.get("success_evaluation").get("success").isNull()).isTrue();
  }

  @Test
  void anAnswerWithoutAJsonObjectOrAnErrorFailsTheAnalysis() {
    server.answerJson(200, completion("I cannot do that."));
    Throwable t =
        catchThrowable(
            () -> analyzer().analyze(task(LlmOptions.NONE), PLAN).toCompletableFuture().join());
    assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(AgentException.class);

    server.answerJson(500, "{\"error\": \"overloaded\"}");
    Throwable failed =
        catchThrowable(
            () -> analyzer().analyze(task(LlmOptions.NONE), PLAN).toCompletableFuture().join());
    assertThat(failed).hasCauseInstanceOf(AgentException.class);
    assertThat(failed.getCause().getMessage()).doesNotContain("sk-x");
  }
}
