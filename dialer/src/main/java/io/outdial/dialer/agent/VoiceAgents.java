package io.outdial.dialer.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds voice agents on the module path or class path by name. */
public final class VoiceAgents {
  /** The agent used when configuration names none. */
  public static final String DEFAULT = ScriptedAgentFactory.NAME;

  private VoiceAgents() {}

  /** Names of every agent present, sorted. */
  public static List<String> available() {
    List<String> names = new ArrayList<>();
    for (VoiceAgentFactory factory : ServiceLoader.load(VoiceAgentFactory.class)) {
      names.add(factory.name());
    }
    names.sort(null);
    return names;
  }

  /**
   * The factory of the agent called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException when no agent has that name, listing those that exist
   */
  public static VoiceAgentFactory factory(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (VoiceAgentFactory factory : ServiceLoader.load(VoiceAgentFactory.class)) {
      if (factory.name().equalsIgnoreCase(wanted)) {
        return factory;
      }
    }
    throw new IllegalArgumentException(
        "no voice agent named '" + wanted + "'; available: " + available());
  }

  /**
   * Creates the agent called {@code name} (case-insensitive) from its settings (keys without
   * prefix, see {@link VoiceAgentFactory#settingKeys()}).
   *
   * @throws IllegalArgumentException when no agent has that name, listing those that exist, or when
   *     a setting is missing or malformed, naming its key
   */
  public static VoiceAgent create(String name, Map<String, String> settings) {
    return factory(name).create(settings);
  }
}
