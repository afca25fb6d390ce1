package io.outdial.dialer.agent.openai;

import io.outdial.dialer.agent.VoiceAgent;
import io.outdial.dialer.agent.VoiceAgentFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers the {@link ChatCompletionsAgent} with {@link java.util.ServiceLoader} under the name
 * {@code openai}. Its settings are read from {@code outdial.agent.openai.<key>}: {@code base-url}
 * (required), {@code model} ({@value #DEFAULT_MODEL}), {@code api-key} (none), {@code
 * timeout-seconds} (20) and {@code json-mode} ({@code true}).
 */
public final class ChatCompletionsAgentFactory implements VoiceAgentFactory {
  /** The name {@code outdial.agent} selects this agent by. */
  public static final String NAME = "openai";

  /** The model asked for when {@code model} is not set. */
  public static final String DEFAULT_MODEL = "gpt-4o-mini";

  /** The bound on one completion when {@code timeout-seconds} is not set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  static final String PREFIX = "outdial.agent." + NAME + ".";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> settingKeys() {
    return Set.of("base-url", "model", "api-key", "timeout-seconds", "json-mode");
  }

  /**
   * @throws IllegalArgumentException when {@code base-url} is missing or not an http(s) URL, or
   *     {@code timeout-seconds} is not a positive whole number, naming the full key
   */
  @Override
  public VoiceAgent create(Map<String, String> settings) {
    return new ChatCompletionsAgent(config(settings));
  }

  /**
   * The agent's configuration from its settings (keys without prefix), defaults filled in.
   *
   * @throws IllegalArgumentException when {@code base-url} is missing or not an http(s) URL, or
   *     {@code timeout-seconds} is not a positive whole number, naming the full key
   */
  static ChatCompletionsConfig config(Map<String, String> settings) {
    String base =
        setting(settings, "base-url")
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        PREFIX + "base-url is required when outdial.agent=" + NAME));
    return new ChatCompletionsConfig(
        baseUrl(base),
        setting(settings, "model").orElse(DEFAULT_MODEL),
        setting(settings, "api-key"),
        timeout(setting(settings, "timeout-seconds")),
        Boolean.parseBoolean(setting(settings, "json-mode").orElse("true")));
  }

  private static Optional<String> setting(Map<String, String> settings, String key) {
    return Optional.ofNullable(settings.get(key)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static URI baseUrl(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          PREFIX + "base-url must be an http or https URL, got '" + value + "'");
    }
    return uri;
  }

  private static Duration timeout(Optional<String> value) {
    if (value.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    long seconds;
    try {
      seconds = Long.parseLong(value.get());
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    if (seconds <= 0) {
      throw new IllegalArgumentException(
          PREFIX + "timeout-seconds must be a whole number above 0, got '" + value.get() + "'");
    }
    return Duration.ofSeconds(seconds);
  }
}
