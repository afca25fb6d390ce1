package io.outdial.core.id;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Identifier of a background job (such as a contact upload): {@code job_} followed by letters and
 * digits.
 *
 * @param value the full identifier, prefix included
 */
public record JobId(String value) {
  /** The prefix every JobId starts with. */
  public static final String PREFIX = "job_";

  private static final RandomGenerator DEFAULT_RANDOM = new SecureRandom();

  public JobId {
    Ids.validate("job_id", PREFIX, value);
  }

  /**
   * Parses an identifier received from a client; throws a {@code ValidationException} if malformed.
   */
  public static JobId parse(String value) {
    return new JobId(value);
  }

  /** A new random identifier from a secure random source. */
  public static JobId random() {
    return random(DEFAULT_RANDOM);
  }

  /** A new random identifier from the given source (tests pass a seeded one). */
  public static JobId random(RandomGenerator random) {
    return new JobId(Ids.random(PREFIX, random));
  }

  @Override
  public String toString() {
    return value;
  }
}
