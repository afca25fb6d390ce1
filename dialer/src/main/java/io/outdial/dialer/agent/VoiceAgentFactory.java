package io.outdial.dialer.agent;

import java.util.Map;
import java.util.Set;

/**
 * Creates a {@link VoiceAgent}; the service type that {@link java.util.ServiceLoader} finds, as
 * {@link io.outdial.dialer.spi.TelephonyProviderFactory} is for carriers (a factory rather than the
 * agent itself, because an agent needs its settings, which ServiceLoader's no-argument constructors
 * cannot pass). {@link VoiceAgents} finds one by name.
 */
public interface VoiceAgentFactory {
  /** The name configuration selects this agent by ({@code outdial.agent}), lower case. */
  String name();

  /**
   * The settings the agent reads, without prefix (e.g. {@code base-url}); the server looks each up
   * as {@code outdial.agent.<name>.<key>} in MicroProfile Config, environment variables included,
   * and passes those present to {@link #create(Map)}.
   */
  default Set<String> settingKeys() {
    return Set.of();
  }

  /**
   * A new agent.
   *
   * @param settings the settings present, by key without prefix, values stripped and never empty;
   *     may hold secrets (an API key), so never log them
   * @throws IllegalArgumentException when a setting is missing or malformed, naming its full key
   */
  VoiceAgent create(Map<String, String> settings);
}
