package io.outdial.dialer.agent.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.ValidationException;
import io.outdial.core.contact.Disposition;
import io.outdial.dialer.agent.AgentException;
import io.outdial.dialer.agent.AgentReply;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.Conversation;
import io.outdial.dialer.agent.Intent;
import io.outdial.dialer.agent.KeywordIntents;
import io.outdial.dialer.agent.Turn;
import io.outdial.dialer.agent.VoiceAgent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A voice agent backed by any OpenAI-compatible {@code POST /v1/chat/completions} server (vLLM,
 * Ollama, llama.cpp server, OpenAI).
 *
 * <p>The request carries one system message, the campaign's {@code system_prompt} followed by
 * {@link #INSTRUCTIONS} and the contact's fields, then the transcript as {@code assistant} and
 * {@code user} messages. When the transcript is empty a short user message stands for "the call was
 * just answered", because many chat templates refuse a conversation without a user turn. The model
 * is asked for one JSON object {@code {"say", "intents", "disposition", "end_call"}}; a model that
 * answers in plain text anyway is tolerated: its text is spoken, intents are read from the callee's
 * last words with {@link KeywordIntents}, and the call ends only if the callee asked not to be
 * called again.
 *
 * <p>With a campaign greeting the opening line is that greeting, returned without asking the model:
 * the first words after answer must come fast.
 */
public final class ChatCompletionsAgent implements VoiceAgent {
  /** The sampling temperature of an agent that does not choose one. */
  static final double DEFAULT_TEMPERATURE = 0.3;

  /** What the model is told besides the campaign's own prompt. */
  public static final String INSTRUCTIONS =
      """
      You are on a live outbound phone call; what you write is spoken aloud by text to speech.
      Keep every reply to one or two short sentences, without lists, markup or emojis.
      Answer every turn with exactly one JSON object and nothing else:
      {"say": "<your next words, or empty>", \
      "intents": [{"intent": "<name>", "confidence": <0 to 1>}], \
      "disposition": <null or one of "human_interested", "human_not_interested", \
      "callback_requested", "do_not_call", "wrong_number">, \
      "end_call": <true or false>}
      Intents to detect in the callee's latest words: schedule (wants a meeting or follow-up), \
      callback (asks to be called another time), not_interested, do_not_call (asks not to be \
      called again), wrong_number (is not the person you are calling), transfer (asks to speak \
      to a person now: Outdial puts them through to an available colleague; say you are \
      connecting them and do not end the call).
      When the conversation has reached its outcome, set disposition, say a short goodbye and set \
      end_call to true. If the callee asks not to be called again, apologise briefly, use \
      do_not_call and end the call.""";

  static final String CALL_ANSWERED = "(The call has just been answered. Say your opening line.)";

  private static final String SERVER = "chat-completions server";

  private final ChatCompletionsConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public ChatCompletionsAgent(ChatCompletionsConfig config, HttpClient http) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** An agent with its own HTTP client. */
  public ChatCompletionsAgent(ChatCompletionsConfig config) {
    this(config, HttpClient.newBuilder().connectTimeout(config.timeout()).build());
  }

  @Override
  public String name() {
    return "chat-completions";
  }

  @Override
  public CompletionStage<AgentReply> reply(Conversation conversation) {
    return reply(conversation, sentence -> {});
  }

  /** The campaign's greeting, which opens every call without asking the model. */
  @Override
  public Optional<String> opening(CampaignScript script) {
    return script.greeting();
  }

  /**
   * Asks with {@code stream: true} and reads the server-sent events as they come, handing each
   * complete sentence of the reply's words to {@code sentences}; a server that answers plain JSON
   * instead is read as before and streams nothing. The whole reply is bounded by the configured
   * timeout; cancelling the returned future closes the connection.
   */
  @Override
  public CompletableFuture<AgentReply> reply(
      Conversation conversation, Consumer<String> sentences) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(sentences, "sentences");
    Optional<String> greeting = conversation.script().greeting();
    if (conversation.assistantTurns() == 0 && greeting.isPresent()) {
      return CompletableFuture.completedFuture(AgentReply.say(greeting.get(), List.of()));
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(HttpSupport.endpoint(config.baseUrl(), "/v1/chat/completions"))
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream, application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestBody(conversation).toString()));
    config.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
    CompletionStream stream = new CompletionStream(json, sentences);
    CompletableFuture<AgentReply> result = new CompletableFuture<>();
    CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(request.build(), stream::handle);
    sent.whenComplete(
        (response, error) -> {
          if (error != null) {
            result.completeExceptionally(HttpSupport.translate(SERVER, error));
            return;
          }
          try {
            HttpSupport.requireSuccess(SERVER, response);
            result.complete(finish(stream, conversation));
          } catch (RuntimeException e) {
            result.completeExceptionally(HttpSupport.translate(SERVER, e));
          }
        });
    HttpSupport.bound(
        result,
        config.timeout(),
        SERVER,
        "its answer",
        () -> {
          stream.cancel();
          sent.cancel(true);
        });
    return result;
  }

  private AgentReply finish(CompletionStream stream, Conversation conversation) {
    if (!stream.eventStream()) {
      return parse(stream.content(), conversation);
    }
    String text = stream.content().strip();
    if (text.isEmpty()) {
      throw new AgentException(
          AgentException.Kind.MALFORMED, SERVER + " streamed no choices[0].delta.content");
    }
    AgentReply reply =
        structured(text, conversation.now()).orElseGet(() -> plainText(text, conversation));
    stream.finish(reply.say());
    return reply;
  }

  ObjectNode requestBody(Conversation conversation) {
    ObjectNode body = json.createObjectNode();
    // the campaign's agent may choose its own model and temperature over the server's
    body.put("model", conversation.script().llm().model().orElse(config.model()));
    body.put("temperature", conversation.script().llm().temperature().orElse(DEFAULT_TEMPERATURE));
    body.put("stream", true);
    if (config.jsonMode()) {
      body.putObject("response_format").put("type", "json_object");
    }
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", systemMessage(conversation.script()));
    if (conversation.transcript().isEmpty()) {
      messages.addObject().put("role", "user").put("content", CALL_ANSWERED);
    }
    for (Turn turn : conversation.transcript()) {
      messages.addObject().put("role", turn.role().wireName()).put("content", turn.content());
    }
    return body;
  }

  private static String systemMessage(CampaignScript script) {
    StringBuilder s = new StringBuilder(script.systemPrompt().strip()).append("\n\n");
    s.append(INSTRUCTIONS);
    if (!script.contact().isEmpty()) {
      s.append("\n\nThe person you are calling:");
      script.contact().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> s.append("\n- ").append(e.getKey()).append(": ").append(e.getValue()));
    }
    return s.toString();
  }

  AgentReply parse(String responseBody, Conversation conversation) {
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
    return structured(text, conversation.now()).orElseGet(() -> plainText(text, conversation));
  }

  /** The model's JSON reply, if the text holds one (bare, or wrapped in prose or a code fence). */
  private Optional<AgentReply> structured(String text, Instant now) {
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = json.readTree(text.substring(start, end + 1));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (!node.isObject() || !(node.has("say") || node.has("end_call"))) {
      return Optional.empty();
    }
    Optional<String> say =
        node.path("say").isTextual() ? Optional.of(node.path("say").asText()) : Optional.empty();
    boolean endCall = node.path("end_call").asBoolean(false);
    List<Intent> intents = new ArrayList<>();
    for (JsonNode i : node.path("intents")) {
      String name = i.path("intent").asText("");
      if (Intent.isValidName(name)) {
        double confidence = Math.clamp(i.path("confidence").asDouble(0.5), 0.0, 1.0);
        intents.add(new Intent(name, confidence, now));
      }
    }
    Optional<Disposition> disposition = disposition(node.path("disposition"));
    if (say.filter(s -> !s.isBlank()).isEmpty() && !endCall) {
      throw new AgentException(
          AgentException.Kind.MALFORMED, SERVER + " replied with nothing to say");
    }
    return Optional.of(new AgentReply(say, intents, disposition, endCall));
  }

  private static Optional<Disposition> disposition(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Disposition.fromWire(node.asText())).filter(Disposition::isHumanAnswer);
    } catch (ValidationException e) {
      return Optional.empty(); // a made-up disposition is dropped; the intents still count
    }
  }

  private static AgentReply plainText(String text, Conversation conversation) {
    Optional<KeywordIntents.Match> match =
        conversation.lastUserUtterance().flatMap(KeywordIntents::classify);
    List<Intent> intents = match.map(m -> List.of(m.at(conversation.now()))).orElse(List.of());
    boolean optOut =
        match.filter(m -> m.meaning() == KeywordIntents.Meaning.DO_NOT_CALL).isPresent();
    return new AgentReply(
        Optional.of(text), intents, match.map(m -> m.meaning().disposition()), optOut);
  }
}
