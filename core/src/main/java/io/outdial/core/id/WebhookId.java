package io.outdial.core.id;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Identifier of a webhook endpoint: {@code wh_} followed by letters and digits.
 *
 * @param value the full identifier, prefix included
 */
public record WebhookId(String value) {
  /** The prefix every WebhookId starts with. */
  public static final String PREFIX = "wh_";

  private static final RandomGenerator DEFAULT_RANDOM = new SecureRandom();

  public WebhookId {
    Ids.validate("webhook_id", PREFIX, value);
  }

  /**
   * Parses an identifier received from a client; throws a {@code ValidationException} if malformed.
   */
  public static WebhookId parse(String value) {
    return new WebhookId(value);
  }

  /** A new random identifier from a secure random source. */
  public static WebhookId random() {
    return random(DEFAULT_RANDOM);
  }

  /** A new random identifier from the given source (tests pass a seeded one). */
  public static WebhookId random(RandomGenerator random) {
    return new WebhookId(Ids.random(PREFIX, random));
  }

  @Override
  public String toString() {
    return value;
  }
}
