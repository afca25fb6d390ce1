package io.outdial.core.id;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Identifier of an agent (a reusable voice-agent configuration): {@code agent_} followed by letters
 * and digits.
 *
 * @param value the full identifier, prefix included
 */
public record AgentId(String value) {
  /** The prefix every AgentId starts with. */
  public static final String PREFIX = "agent_";

  private static final RandomGenerator DEFAULT_RANDOM = new SecureRandom();

  public AgentId {
    Ids.validate("agent_id", PREFIX, value);
  }

  /**
   * Parses an identifier received from a client; throws a {@code ValidationException} if malformed.
   */
  public static AgentId parse(String value) {
    return new AgentId(value);
  }

  /** A new random identifier from a secure random source. */
  public static AgentId random() {
    return new AgentId(Ids.random(PREFIX, DEFAULT_RANDOM));
  }

  @Override
  public String toString() {
    return value;
  }
}
