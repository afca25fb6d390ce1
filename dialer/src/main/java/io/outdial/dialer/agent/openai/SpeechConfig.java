package io.outdial.dialer.agent.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an Orpheus server's OpenAI-compatible speech endpoint.
 *
 * @param baseUrl the server root without {@code /v1}
 * @param model the model name the server expects, e.g. {@code orpheus}
 * @param apiKey sent as a bearer token when present
 * @param responseFormat the audio format asked for, e.g. {@code wav} (the SIP adapter resamples it
 *     to 8 kHz G.711)
 * @param timeout bound on one synthesis
 */
public record SpeechConfig(
    URI baseUrl, String model, Optional<String> apiKey, String responseFormat, Duration timeout) {
  public SpeechConfig {
    baseUrl = HttpSupport.requireHttpBase(baseUrl);
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    apiKey = Objects.requireNonNull(apiKey, "apiKey").filter(k -> !k.isBlank());
    if (responseFormat == null || responseFormat.isBlank()) {
      throw new IllegalArgumentException("responseFormat must not be blank");
    }
    HttpSupport.requirePositive("timeout", timeout);
  }

  /** Orpheus defaults: model {@code orpheus}, WAV, 30 s. */
  public static SpeechConfig of(URI baseUrl, Optional<String> apiKey) {
    return new SpeechConfig(baseUrl, "orpheus", apiKey, "wav", Duration.ofSeconds(30));
  }

  /** Keeps the API key out of logs and exception messages. */
  @Override
  public String toString() {
    return "SpeechConfig[baseUrl="
        + baseUrl
        + ", model="
        + model
        + ", apiKey="
        + (apiKey.isPresent() ? "***" : "none")
        + ", responseFormat="
        + responseFormat
        + ", timeout="
        + timeout
        + "]";
  }
}
