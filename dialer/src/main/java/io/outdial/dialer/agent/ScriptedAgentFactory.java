package io.outdial.dialer.agent;

import java.util.Map;

/**
 * Registers the {@link ScriptedAgent} with {@link java.util.ServiceLoader} under the name {@code
 * scripted}, the default. It reads no settings.
 */
public final class ScriptedAgentFactory implements VoiceAgentFactory {
  /** The name {@code outdial.agent} selects the scripted agent by. */
  public static final String NAME = "scripted";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VoiceAgent create(Map<String, String> settings) {
    return new ScriptedAgent();
  }
}
