package io.outdial.core.id;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Identifier of a call: {@code call_} followed by letters and digits.
 *
 * @param value the full identifier, prefix included
 */
public record CallId(String value) {
  /** The prefix every CallId starts with. */
  public static final String PREFIX = "call_";

  private static final RandomGenerator DEFAULT_RANDOM = new SecureRandom();

  public CallId {
    Ids.validate("call_id", PREFIX, value);
  }

  /**
   * Parses an identifier received from a client; throws a {@code ValidationException} if malformed.
   */
  public static CallId parse(String value) {
    return new CallId(value);
  }

  /** A new random identifier from a secure random source. */
  public static CallId random() {
    return random(DEFAULT_RANDOM);
  }

  /** A new random identifier from the given source (tests pass a seeded one). */
  public static CallId random(RandomGenerator random) {
    return new CallId(Ids.random(PREFIX, random));
  }

  @Override
  public String toString() {
    return value;
  }
}
