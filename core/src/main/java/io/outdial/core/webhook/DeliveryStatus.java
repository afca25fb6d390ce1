package io.outdial.core.webhook;

import java.util.Optional;

/** Where one delivery of an event to one endpoint stands. */
public enum DeliveryStatus {
  /** Not yet delivered: due now, waiting for its next attempt, or held by its endpoint's status. */
  PENDING("pending"),
  /** The endpoint answered 2xx. */
  SUCCEEDED("succeeded"),
  /** Every attempt of the retry schedule failed; a replay sends it again. */
  FAILED("failed"),
  /** Withdrawn before it was sent: the call it announced was never placed. */
  CANCELLED("cancelled");

  private final String wireName;

  DeliveryStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * {@code 'pending'}: the status as an SQL literal (partial indexes need the value in the text).
   */
  public String literal() {
    return "'" + wireName + "'";
  }

  public static Optional<DeliveryStatus> fromWire(String name) {
    for (DeliveryStatus s : values()) {
      if (s.wireName.equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
