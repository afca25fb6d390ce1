package io.outdial.dialer.agent.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an OpenAI-compatible speech-to-text server ({@code POST
 * /v1/audio/transcriptions}: OpenAI, faster-whisper-server / Speaches, whisper.cpp server, vLLM).
 *
 * @param baseUrl the server root without {@code /v1}
 * @param model the model name the server expects, e.g. {@code whisper-1} or {@code
 *     Systran/faster-whisper-small}
 * @param apiKey sent as a bearer token when present; local servers usually need none
 * @param timeout bound on one transcription, connection included
 */
public record TranscriptionConfig(
    URI baseUrl, String model, Optional<String> apiKey, Duration timeout) {
  public TranscriptionConfig {
    baseUrl = HttpSupport.requireHttpBase(baseUrl);
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    apiKey = Objects.requireNonNull(apiKey, "apiKey").filter(k -> !k.isBlank());
    HttpSupport.requirePositive("timeout", timeout);
  }

  /** Keeps the API key out of logs and exception messages. */
  @Override
  public String toString() {
    return "TranscriptionConfig[baseUrl="
        + baseUrl
        + ", model="
        + model
        + ", apiKey="
        + (apiKey.isPresent() ? "***" : "none")
        + ", timeout="
        + timeout
        + "]";
  }
}
