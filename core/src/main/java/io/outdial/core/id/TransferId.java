package io.outdial.core.id;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Identifier of a call transfer: {@code xfer_} followed by letters and digits.
 *
 * @param value the full identifier, prefix included
 */
public record TransferId(String value) {
  /** The prefix every TransferId starts with. */
  public static final String PREFIX = "xfer_";

  private static final RandomGenerator DEFAULT_RANDOM = new SecureRandom();

  public TransferId {
    Ids.validate("transfer_id", PREFIX, value);
  }

  /**
   * Parses an identifier received from a client; throws a {@code ValidationException} if malformed.
   */
  public static TransferId parse(String value) {
    return new TransferId(value);
  }

  /** Parses an identifier received in {@code field} of a request body. */
  public static TransferId parse(String field, String value) {
    return new TransferId(Ids.validate(field, PREFIX, value));
  }

  /** A new random identifier from a secure random source. */
  public static TransferId random() {
    return new TransferId(Ids.random(PREFIX, DEFAULT_RANDOM));
  }

  @Override
  public String toString() {
    return value;
  }
}
