package io.outdial.core.id;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Identifier of a campaign: {@code camp_} followed by letters and digits.
 *
 * @param value the full identifier, prefix included
 */
public record CampaignId(String value) {
  /** The prefix every CampaignId starts with. */
  public static final String PREFIX = "camp_";

  private static final RandomGenerator DEFAULT_RANDOM = new SecureRandom();

  public CampaignId {
    Ids.validate("campaign_id", PREFIX, value);
  }

  /**
   * Parses an identifier received from a client; throws a {@code ValidationException} if malformed.
   */
  public static CampaignId parse(String value) {
    return new CampaignId(value);
  }

  /** A new random identifier from a secure random source. */
  public static CampaignId random() {
    return random(DEFAULT_RANDOM);
  }

  /** A new random identifier from the given source (tests pass a seeded one). */
  public static CampaignId random(RandomGenerator random) {
    return new CampaignId(Ids.random(PREFIX, random));
  }

  @Override
  public String toString() {
    return value;
  }
}
