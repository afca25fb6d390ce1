package io.outdial.dialer.agent.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.DataField;
import io.outdial.dialer.agent.AgentException;
import io.outdial.dialer.analysis.AnalysisResults;
import io.outdial.dialer.analysis.CallAnalyzer;
import io.outdial.dialer.analysis.Transcripts;
import io.outdial.persistence.analysis.AnalysisTask;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Post-call analysis by the same OpenAI-compatible chat-completions server as the agent ({@code
 * outdial.agent.openai.*}): one completion per call, asked for a JSON object of the plan's JSON
 * schema ({@code response_format: json_schema}, strict) when {@code json-mode} is on, by the prompt
 * alone otherwise. The agent's {@code llm_model} and {@code llm_temperature} win over the server's
 * model and the default temperature 0. The answer is reduced to the plan's fields ({@link
 * AnalysisResults#reduce}).
 */
public final class ChatCompletionsAnalyzer implements CallAnalyzer {
  private static final String SERVER = "The analysis model server";

  private final ChatCompletionsConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public ChatCompletionsAnalyzer(ChatCompletionsConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
  }

  /** The analyzer for the agent settings {@code outdial.agent.openai.*} (keys without prefix). */
  public static ChatCompletionsAnalyzer fromSettings(Map<String, String> settings) {
    return new ChatCompletionsAnalyzer(ChatCompletionsAgentFactory.config(settings));
  }

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public CompletionStage<ObjectNode> analyze(AnalysisTask task, AnalysisPlan plan) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(HttpSupport.endpoint(config.baseUrl(), "/v1/chat/completions"))
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestBody(task, plan).toString()));
    config.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> parse(HttpSupport.requireSuccess(SERVER, response).body(), plan))
        .handle(
            (result, error) -> {
              if (error != null) {
                throw HttpSupport.translate(SERVER, error);
              }
              return result;
            });
  }

  ObjectNode requestBody(AnalysisTask task, AnalysisPlan plan) {
    ObjectNode body = json.createObjectNode();
    body.put("model", task.llm().model().orElse(config.model()));
    body.put("temperature", task.llm().temperature().orElse(0.0));
    if (config.jsonMode()) {
      ObjectNode format = body.putObject("response_format");
      format.put("type", "json_schema");
      ObjectNode schema = format.putObject("json_schema");
      schema.put("name", "call_analysis");
      schema.put("strict", true);
      schema.set("schema", AnalysisResults.schema(plan));
    }
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", instructions(task, plan));
    StringBuilder transcript = new StringBuilder("The call's transcript:\n");
    for (Transcripts.Line line : Transcripts.read(task.transcriptJson())) {
      transcript
          .append(line.byCallee() ? "Callee: " : "Agent: ")
          .append(line.content())
          .append('\n');
    }
    task.disposition().ifPresent(d -> transcript.append("The call ended as: ").append(d));
    messages.addObject().put("role", "user").put("content", transcript.toString());
    return body;
  }

  private String instructions(AnalysisTask task, AnalysisPlan plan) {
    StringBuilder s =
        new StringBuilder(
            "You analyse a finished phone call an AI agent made. Answer with one JSON object and"
                + " nothing else.");
    task.systemPrompt().ifPresent(p -> s.append("\nThe agent's instructions were: ").append(p));
    if (plan.summary()) {
      s.append("\n- \"summary\": two or three sentences on what happened in the call.");
    }
    s.append("\n- \"structured_data\": an object with these members (null when not known):");
    for (DataField f : plan.structuredData()) {
      s.append("\n  - \"").append(f.name()).append("\" (").append(f.type().wireName());
      if (!f.enumValues().isEmpty()) {
        s.append(", one of ").append(String.join(", ", f.enumValues()));
      }
      s.append(")");
      f.description().ifPresent(d -> s.append(": ").append(d));
    }
    plan.successEvaluation()
        .ifPresent(
            c ->
                s.append(
                        "\n- \"success_evaluation\": {\"success\": true or false, \"reason\":"
                            + " one sentence}, where success means: ")
                    .append(c));
    return s.toString();
  }

  ObjectNode parse(String responseBody, AnalysisPlan plan) {
    JsonNode content;
    try {
      content = json.readTree(responseBody).path("choices").path(0).path("message").path("content");
    } catch (JsonProcessingException e) {
      throw new AgentException(
          AgentException.Kind.MALFORMED, Optional.empty(), SERVER + " sent invalid JSON", e);
    }
    if (!content.isTextual() || content.asText().isBlank()) {
      throw new AgentException(
          AgentException.Kind.MALFORMED, SERVER + " sent no choices[0].message.content");
    }
    String text = content.asText().strip();
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    try {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("no JSON object");
      }
      return AnalysisResults.reduce(json.readTree(text.substring(start, end + 1)), plan);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new AgentException(
          AgentException.Kind.MALFORMED,
          Optional.empty(),
          SERVER + " answered no analysis as a JSON object",
          e);
    }
  }
}
