package io.outdial.core.agent;

import io.outdial.core.ValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's choice of language model, over the server's configured one: both optional.
 *
 * @param model the model name sent to the OpenAI-compatible server; empty: the server's setting
 * @param temperature sampling temperature, 0 to 2; empty: the model's default
 */
public record LlmOptions(Optional<String> model, Optional<Double> temperature) {
  public static final LlmOptions NONE = new LlmOptions(Optional.empty(), Optional.empty());

  static final int MAX_MODEL = 100;

  public LlmOptions {
    model = Objects.requireNonNull(model, "model").map(String::strip).filter(m -> !m.isEmpty());
    Objects.requireNonNull(temperature, "temperature");
    if (model.map(String::length).orElse(0) > MAX_MODEL) {
      throw new ValidationException(
          "llm_model", "llm_model must be at most " + MAX_MODEL + " characters");
    }
    if (temperature.filter(t -> !(t >= 0 && t <= 2)).isPresent()) {
      throw new ValidationException("llm_temperature", "llm_temperature must be between 0 and 2");
    }
  }
}
