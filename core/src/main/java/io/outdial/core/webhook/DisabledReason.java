package io.outdial.core.webhook;

import java.util.Optional;

/** Why an endpoint was disabled; shown with it so that the integrator knows what to fix. */
public enum DisabledReason {
  /** The endpoint answered {@code 410 Gone}: it asked not to be sent anything again. */
  GONE("gone", "the endpoint answered 410 Gone"),
  /** Every delivery failed for longer than the server allows (five days by default). */
  FAILING("failing", "every delivery failed for too long"),
  /** The ownership challenge was not answered through the whole retry schedule. */
  VERIFICATION_FAILED("verification_failed", "the endpoint never answered its challenge"),
  /** The integrator disabled it. */
  REQUESTED("requested", "disabled on request");

  private final String wireName;
  private final String description;

  DisabledReason(String wireName, String description) {
    this.wireName = wireName;
    this.description = description;
  }

  public String wireName() {
    return wireName;
  }

  /** A sentence for people. */
  public String description() {
    return description;
  }

  public static Optional<DisabledReason> fromWire(String name) {
    for (DisabledReason r : values()) {
      if (r.wireName.equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
