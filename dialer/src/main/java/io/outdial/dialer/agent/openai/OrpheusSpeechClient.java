package io.outdial.dialer.agent.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.campaign.Voice;
import io.outdial.dialer.agent.AgentException;
import io.outdial.dialer.agent.SpeechSynthesizer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Text to speech through an Orpheus server's OpenAI-compatible {@code POST /v1/audio/speech}:
 * {@code {model, input, voice, response_format}} in, audio bytes out. The campaign's voice names
 * (tara, leah, ...) are Orpheus's own and are sent as they are.
 */
public final class OrpheusSpeechClient implements SpeechSynthesizer {
  private static final String SERVER = "text-to-speech server";

  private final SpeechConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public OrpheusSpeechClient(SpeechConfig config, HttpClient http) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** A client with its own HTTP client. */
  public OrpheusSpeechClient(SpeechConfig config) {
    this(config, HttpClient.newBuilder().connectTimeout(config.timeout()).build());
  }

  @Override
  public CompletionStage<byte[]> synthesize(String text, Voice voice) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    Objects.requireNonNull(voice, "voice");
    ObjectNode body = json.createObjectNode();
    body.put("model", config.model());
    body.put("input", text);
    body.put("voice", voice.wireName());
    body.put("response_format", config.responseFormat());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(HttpSupport.endpoint(config.baseUrl(), "/v1/audio/speech"))
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    config.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> HttpSupport.requireSuccess(SERVER, response).body())
        .thenApply(
            audio -> {
              if (audio.length == 0) {
                throw new AgentException(AgentException.Kind.MALFORMED, SERVER + " sent no audio");
              }
              return audio;
            })
        .handle(
            (audio, error) -> {
              if (error != null) {
                throw HttpSupport.translate(SERVER, error);
              }
              return audio;
            })
        .toCompletableFuture();
  }
}
