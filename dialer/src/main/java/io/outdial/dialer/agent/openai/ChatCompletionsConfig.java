package io.outdial.dialer.agent.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an OpenAI-compatible chat-completions server.
 *
 * @param baseUrl the server root without {@code /v1}, e.g. {@code http://localhost:8000} (vLLM),
 *     {@code http://localhost:11434} (Ollama), {@code https://api.openai.com}
 * @param model the model name the server knows
 * @param apiKey sent as a bearer token when present; local servers usually need none
 * @param timeout bound on one completion, connection included
 * @param jsonMode ask the server for {@code response_format: json_object}; leave off for servers
 *     that reject the field (the prompt asks for JSON either way)
 */
public record ChatCompletionsConfig(
    URI baseUrl, String model, Optional<String> apiKey, Duration timeout, boolean jsonMode) {
  public ChatCompletionsConfig {
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
    return "ChatCompletionsConfig[baseUrl="
        + baseUrl
        + ", model="
        + model
        + ", apiKey="
        + (apiKey.isPresent() ? "***" : "none")
        + ", timeout="
        + timeout
        + ", jsonMode="
        + jsonMode
        + "]";
  }
}
