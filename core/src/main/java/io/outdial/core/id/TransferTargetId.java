package io.outdial.core.id;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Identifier of a transfer target (a human or a queue): {@code target_} followed by letters and
 * digits.
 *
 * @param value the full identifier, prefix included
 */
public record TransferTargetId(String value) {
  /** The prefix every TransferTargetId starts with. */
  public static final String PREFIX = "target_";

  private static final RandomGenerator DEFAULT_RANDOM = new SecureRandom();

  public TransferTargetId {
    Ids.validate("target_id", PREFIX, value);
  }

  /**
   * Parses an identifier received from a client; throws a {@code ValidationException} if malformed.
   */
  public static TransferTargetId parse(String value) {
    return new TransferTargetId(value);
  }

  /** Parses an identifier received in {@code field} of a request body. */
  public static TransferTargetId parse(String field, String value) {
    return new TransferTargetId(Ids.validate(field, PREFIX, value));
  }

  /** A new random identifier from a secure random source. */
  public static TransferTargetId random() {
    return new TransferTargetId(Ids.random(PREFIX, DEFAULT_RANDOM));
  }

  @Override
  public String toString() {
    return value;
  }
}
