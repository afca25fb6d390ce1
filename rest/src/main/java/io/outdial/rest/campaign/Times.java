package io.outdial.rest.campaign;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps on the wire have whole seconds, as in the reference document. */
final class Times {
  private Times() {}

  static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
