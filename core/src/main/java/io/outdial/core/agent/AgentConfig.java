package io.outdial.core.agent;

import io.outdial.core.ValidationException;
import io.outdial.core.campaign.Voice;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent is: everything a campaign using it calls with, besides the caller id and the
 * contacts. Texts are stripped; blank optional texts count as absent.
 */
public record AgentConfig(
    String name,
    Voice voice,
    String systemPrompt,
    Optional<String> greetingText,
    Optional<String> voicemailText,
    FirstMessageMode firstMessageMode,
    AnalysisPlan analysisPlan,
    LlmOptions llm) {
  /** Longest name. */
  public static final int MAX_NAME = 200;

  /** Longest prompt, greeting or voicemail text (as for a campaign's inline texts). */
  public static final int MAX_TEXT = 20_000;

  public AgentConfig {
    name = required("name", name, MAX_NAME);
    Objects.requireNonNull(voice, "voice");
    systemPrompt = required("system_prompt", systemPrompt, MAX_TEXT);
    greetingText = optional("greeting_text", greetingText);
    voicemailText = optional("voicemail_text", voicemailText);
    Objects.requireNonNull(firstMessageMode, "firstMessageMode");
    Objects.requireNonNull(analysisPlan, "analysisPlan");
    Objects.requireNonNull(llm, "llm");
  }

  private static String required(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    String text = value.strip();
    if (text.length() > max) {
      throw new ValidationException(field, field + " must be at most " + max + " characters");
    }
    return text;
  }

  private static Optional<String> optional(String field, Optional<String> value) {
    return Objects.requireNonNull(value, field)
        .filter(v -> !v.isBlank())
        .map(v -> required(field, v, MAX_TEXT));
  }
}
