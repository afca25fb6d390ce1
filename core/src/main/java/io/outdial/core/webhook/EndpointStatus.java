package io.outdial.core.webhook;

import java.util.Optional;

/** Where an endpoint stands: deliveries go only to active endpoints, the others keep theirs. */
public enum EndpointStatus {
  /** Created or moved to a new URL: its ownership is being checked by a challenge. */
  PENDING_VERIFICATION("pending_verification"),
  /** Verified; deliveries are sent. */
  ACTIVE("active"),
  /** Nothing is sent until the integrator enables it again; see {@link DisabledReason}. */
  DISABLED("disabled");

  private final String wireName;

  EndpointStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The status as an SQL literal (partial indexes need the value in the text). */
  public String literal() {
    return "'" + wireName + "'";
  }

  public static Optional<EndpointStatus> fromWire(String name) {
    for (EndpointStatus s : values()) {
      if (s.wireName.equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
