package io.outdial.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps on the wire have whole seconds, as in the reference document. */
public final class Times {
  private Times() {}

  /** The instant without its fraction of a second. */
  public static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
