package io.outdial.dialer.agent.openai;

import io.outdial.core.settings.Settings;
import io.outdial.dialer.agent.VoiceAgent;
import io.outdial.dialer.agent.VoiceAgentFactory;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * Registers the {@link ChatCompletionsAgent} with {@link java.util.ServiceLoader} under the name
 * {@code openai}. Its settings are read from {@code outdial.agent.openai.<key>}: {@code base-url}
 * (required), {@code model} ({@value #DEFAULT_MODEL}), {@code api-key} (none), {@code
 * timeout-seconds} (20; a duration in the one syntax of {@link Settings}, a bare number being
 * seconds) and {@code json-mode} ({@code true}).
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
   * @throws IllegalArgumentException when {@code base-url} is missing or not an http(s) URL, {@code
   *     timeout-seconds} is not a positive duration or {@code json-mode} not true or false, naming
   *     the full key
   */
  @Override
  public VoiceAgent create(Map<String, String> settings) {
    return new ChatCompletionsAgent(config(settings));
  }

  /**
   * The agent's configuration from its settings (keys without prefix), defaults filled in.
   *
   * @throws IllegalArgumentException when {@code base-url} is missing or not an http(s) URL, {@code
   *     timeout-seconds} is not a positive duration or {@code json-mode} not true or false, naming
   *     the full key
   */
  static ChatCompletionsConfig config(Map<String, String> settings) {
    Settings in = Settings.of(settings, PREFIX);
    String base =
        in.string("base-url")
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        PREFIX + "base-url is required when outdial.agent=" + NAME));
    return new ChatCompletionsConfig(
        baseUrl(in, base),
        in.string("model", DEFAULT_MODEL),
        in.string("api-key"),
        in.duration(
            "timeout-seconds",
            DEFAULT_TIMEOUT,
            ChronoUnit.SECONDS,
            Duration.ofMillis(1),
            Duration.ofHours(1)),
        in.bool("json-mode", true));
  }

  private static URI baseUrl(Settings in, String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw in.invalid("base-url", value, "an http or https URL");
    }
    return uri;
  }
}
