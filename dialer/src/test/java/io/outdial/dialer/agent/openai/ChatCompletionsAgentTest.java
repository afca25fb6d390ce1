package io.outdial.dialer.agent.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import io.outdial.dialer.agent.AgentException;
import io.outdial.dialer.agent.AgentReply;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.Conversation;
import io.outdial.dialer.agent.Intent;
import io.outdial.dialer.agent.Turn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsAgentTest {
  private static final String KEY = "sk-test-secret-123";
  private static final Instant NOW = Instant.parse("2025-03-15T10:31:02Z");
  private static final CampaignScript SCRIPT =
      CampaignScript.of(
              "You are a recruiter calling about healthcare jobs.",
              Optional.empty(),
              Optional.empty(),
              Voice.TARA)
          .forContact(Map.of("first_name", "John"));
  private static final Conversation CONVERSATION =
      new Conversation(
          SCRIPT,
          AnsweredBy.HUMAN,
          List.of(
              Turn.assistant("Hi John, are you open to new roles?"), Turn.user("Stop calling me.")),
          NOW);

  private final ObjectMapper json = new ObjectMapper();
  private final StubServer server = new StubServer("/v1/chat/completions");

  @AfterEach
  void stop() {
    server.close();
  }

  private ChatCompletionsAgent agent(Duration timeout) {
    return new ChatCompletionsAgent(
        new ChatCompletionsConfig(server.base(), "llama3.1", Optional.of(KEY), timeout, true));
  }

  private String completion(String content) {
    ObjectNode root = json.createObjectNode();
    root.putArray("choices")
        .addObject()
        .putObject("message")
        .put("role", "assistant")
        .put("content", content);
    return root.toString();
  }

  private AgentReply ask(Conversation conversation) {
    return agent(Duration.ofSeconds(5)).reply(conversation).toCompletableFuture().join();
  }

  private AgentException failure(Duration timeout) {
    Throwable t =
        catchThrowable(() -> agent(timeout).reply(CONVERSATION).toCompletableFuture().join());
    assertThat(t).isInstanceOf(CompletionException.class).hasCauseInstanceOf(AgentException.class);
    assertThat(t.getCause().getMessage()).doesNotContain(KEY);
    return (AgentException) t.getCause();
  }

  @Test
  void sendsPromptTranscriptAndKeyAndReadsTheJsonReply() throws Exception {
    server.answerJson(
        200,
        completion(
            "{\"say\": \"Sorry to bother you, we won't call again.\", \"intents\":"
                + " [{\"intent\": \"do_not_call\", \"confidence\": 0.97}], \"disposition\":"
                + " \"do_not_call\", \"end_call\": true}"));

    AgentReply reply = ask(CONVERSATION);

    assertThat(reply.say()).contains("Sorry to bother you, we won't call again.");
    assertThat(reply.intents()).containsExactly(new Intent("do_not_call", 0.97, NOW));
    assertThat(reply.disposition()).contains(Disposition.DO_NOT_CALL);
    assertThat(reply.endCall()).isTrue();

    JsonNode sent = json.readTree(server.lastBody);
    assertThat(sent.path("model").asText()).isEqualTo("llama3.1");
    assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_object");
    JsonNode messages = sent.path("messages");
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
    assertThat(messages.get(0).path("content").asText())
        .startsWith("You are a recruiter")
        .contains("\"end_call\"")
        .contains("first_name: John");
    assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
    assertThat(messages.get(2).path("content").asText()).isEqualTo("Stop calling me.");
    assertThat(server.lastAuthorization).isEqualTo("Bearer " + KEY);
  }

  @Test
  void anAgentsOwnModelAndTemperatureOverrideTheServers() throws Exception {
    server.answerJson(200, completion("{\"say\": \"Understood.\", \"end_call\": true}"));
    Conversation withAgent =
        new Conversation(
            CONVERSATION
                .script()
                .withAgent(
                    FirstMessageMode.DEFAULT,
                    new LlmOptions(Optional.of("gpt-4o-mini"), Optional.of(1.1))),
            AnsweredBy.HUMAN,
            CONVERSATION.transcript(),
            NOW);

    ask(withAgent);
    JsonNode chosen = json.readTree(server.lastBody);
    ask(CONVERSATION);
    JsonNode defaults = json.readTree(server.lastBody);

    assertThat(chosen.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(chosen.path("temperature").asDouble()).isEqualTo(1.1);
    assertThat(defaults.path("model").asText()).isEqualTo("llama3.1");
    assertThat(defaults.path("temperature").asDouble())
        .isEqualTo(ChatCompletionsAgent.DEFAULT_TEMPERATURE);
  }

  @Test
  void jsonWrappedInACodeFenceIsStillRead() {
    server.answerJson(
        200,
        completion(
            "Here you go:\n```json\n{\"say\": \"Great, Tuesday it is.\", \"intents\": [{\"intent\":"
                + " \"schedule\", \"confidence\": 3}], \"disposition\": \"voicemail\","
                + " \"end_call\": false}\n```"));

    AgentReply reply = ask(CONVERSATION);

    assertThat(reply.say()).contains("Great, Tuesday it is.");
    assertThat(reply.intents()).extracting(Intent::confidence).containsExactly(1.0);
    assertThat(reply.disposition()).as("not a human disposition: dropped").isEmpty();
  }

  @Test
  void aPlainTextAnswerIsSpokenAndIntentsComeFromTheCalleesWords() {
    server.answerJson(200, completion("I understand. I'll make sure you're not called again."));

    AgentReply reply = ask(CONVERSATION);

    assertThat(reply.say()).contains("I understand. I'll make sure you're not called again.");
    assertThat(reply.intents()).extracting(Intent::intent).containsExactly(Intent.DO_NOT_CALL);
    assertThat(reply.disposition()).contains(Disposition.DO_NOT_CALL);
    assertThat(reply.endCall()).isTrue();
  }

  @Test
  void theOpeningIsTheCampaignGreetingWithoutAskingTheModel() {
    CampaignScript withGreeting =
        CampaignScript.of("prompt", Optional.of("Hello from Acme."), Optional.empty(), Voice.TARA);

    AgentReply reply = ask(new Conversation(withGreeting, AnsweredBy.HUMAN, List.of(), NOW));

    assertThat(reply.say()).contains("Hello from Acme.");
    assertThat(server.requests).isZero();
  }

  @Test
  void anOpeningWithoutGreetingAsksTheModelWithACallAnsweredMessage() throws Exception {
    server.answerJson(200, completion("{\"say\": \"Hi John!\", \"end_call\": false}"));

    ask(new Conversation(SCRIPT, AnsweredBy.HUMAN, List.of(), NOW));

    JsonNode messages = json.readTree(server.lastBody).path("messages");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(1).path("content").asText())
        .isEqualTo(ChatCompletionsAgent.CALL_ANSWERED);
  }

  @Test
  void serverErrorBecomesAnHttpStatusFailure() {
    server.answerJson(500, "{\"error\": \"boom\"}");
    AgentException e = failure(Duration.ofSeconds(5));
    assertThat(e.kind()).isEqualTo(AgentException.Kind.HTTP_STATUS);
    assertThat(e.httpStatus()).contains(500);
  }

  @Test
  void malformedJsonBecomesAMalformedFailure() {
    server.answerJson(200, "{\"choices\": [");
    assertThat(failure(Duration.ofSeconds(5)).kind()).isEqualTo(AgentException.Kind.MALFORMED);
  }

  @Test
  void aResponseWithoutContentBecomesAMalformedFailure() {
    server.answerJson(200, "{\"choices\": []}");
    assertThat(failure(Duration.ofSeconds(5)).kind()).isEqualTo(AgentException.Kind.MALFORMED);
  }

  @Test
  void aServerThatNeverAnswersBecomesATimeout() {
    server.hang();
    assertThat(failure(Duration.ofMillis(300)).kind()).isEqualTo(AgentException.Kind.TIMEOUT);
  }

  @Test
  void anUnreachableServerIsReportedAsSuch() {
    server.close();
    assertThat(failure(Duration.ofSeconds(5)).kind()).isEqualTo(AgentException.Kind.UNREACHABLE);
  }

  @Test
  void configAcceptsABaseWithV1AndNeverPrintsTheKey() {
    ChatCompletionsConfig config =
        new ChatCompletionsConfig(
            java.net.URI.create("http://localhost:11434/v1/"),
            "llama3.1",
            Optional.of(KEY),
            Duration.ofSeconds(10),
            false);
    assertThat(config.baseUrl().toString()).isEqualTo("http://localhost:11434");
    assertThat(config.toString()).doesNotContain(KEY).contains("***");
  }
}
