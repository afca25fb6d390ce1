package io.outdial.core.webhook;

import java.util.OptionalInt;

/** What one attempt's answer means for its delivery and its endpoint. */
public enum AttemptVerdict {
  /** A 2xx: delivered. */
  DELIVERED,
  /** {@code 410 Gone}: the endpoint is disabled and its deliveries wait for it to be enabled. */
  GONE,
  /** Anything else (another status, a timeout, a refused connection): tried again later. */
  RETRY;

  /**
   * The verdict on an answer with this status, or on no answer at all (empty: timeout, connection
   * refused, a destination refused by the policy). A redirect is a failure: deliveries never follow
   * one, since the new location escapes the destination checks.
   */
  public static AttemptVerdict of(OptionalInt status) {
    if (status.isEmpty()) {
      return RETRY;
    }
    int code = status.getAsInt();
    if (code >= 200 && code < 300) {
      return DELIVERED;
    }
    return code == 410 ? GONE : RETRY;
  }
}
