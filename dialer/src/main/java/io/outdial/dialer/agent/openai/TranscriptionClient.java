package io.outdial.dialer.agent.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.dialer.agent.AgentException;
import io.outdial.dialer.agent.SpeechRecognizer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Speech to text through an OpenAI-compatible {@code POST /v1/audio/transcriptions}: a
 * multipart/form-data upload of the WAV ({@code file}) with the {@code model}, the optional {@code
 * language} and {@code response_format=json}; the answer is {@code {"text": "..."}}. Failures are
 * mapped like the other clients' ({@link AgentException}); the API key is never logged.
 */
public final class TranscriptionClient implements SpeechRecognizer {
  private static final String SERVER = "speech-to-text server";
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

  private final TranscriptionConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public TranscriptionClient(TranscriptionConfig config, HttpClient http) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** A client with its own HTTP client. */
  public TranscriptionClient(TranscriptionConfig config) {
    this(config, HttpClient.newBuilder().connectTimeout(config.timeout()).build());
  }

  @Override
  public CompletionStage<String> transcribe(byte[] wav, Optional<String> language) {
    if (wav == null || wav.length == 0) {
      throw new IllegalArgumentException("wav must not be empty");
    }
    Objects.requireNonNull(language, "language");
    language.ifPresent(
        l -> {
          if (!LANGUAGE.matcher(l).matches()) {
            throw new IllegalArgumentException("language must be an ISO 639-1 code: " + l);
          }
        });
    String boundary = "outdial-" + UUID.randomUUID();
    Multipart body = new Multipart(boundary);
    body.field("model", config.model());
    language.ifPresent(l -> body.field("language", l));
    body.field("response_format", "json");
    body.file("file", "utterance.wav", "audio/wav", wav);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(HttpSupport.endpoint(config.baseUrl(), "/v1/audio/transcriptions"))
            .timeout(config.timeout())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.finish()));
    config.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> text(HttpSupport.requireSuccess(SERVER, response).body()))
        .handle(
            (text, error) -> {
              if (error != null) {
                throw HttpSupport.translate(SERVER, error);
              }
              return text;
            });
  }

  private String text(String responseBody) {
    JsonNode text;
    try {
      text = json.readTree(responseBody).path("text");
    } catch (JsonProcessingException e) {
      throw new AgentException(
          AgentException.Kind.MALFORMED, Optional.empty(), SERVER + " sent invalid JSON", e);
    }
    if (!text.isTextual()) {
      throw new AgentException(AgentException.Kind.MALFORMED, SERVER + " sent no text");
    }
    return text.asText().strip();
  }

  /** A multipart/form-data body (RFC 7578), built in memory: an utterance is at most ~650 kB. */
  private static final class Multipart {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final String boundary;

    Multipart(String boundary) {
      this.boundary = boundary;
    }

    void field(String name, String value) {
      ascii("--" + boundary + "\r\n");
      ascii("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
      out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
      ascii("\r\n");
    }

    void file(String name, String filename, String contentType, byte[] content) {
      ascii("--" + boundary + "\r\n");
      ascii(
          "Content-Disposition: form-data; name=\""
              + name
              + "\"; filename=\""
              + filename
              + "\"\r\n");
      ascii("Content-Type: " + contentType + "\r\n\r\n");
      out.writeBytes(content);
      ascii("\r\n");
    }

    byte[] finish() {
      ascii("--" + boundary + "--\r\n");
      return out.toByteArray();
    }

    private void ascii(String s) {
      out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
  }
}
