package io.outdial.dialer.call;

import java.time.Duration;

/**
 * Time bounds of every call.
 *
 * @param ringTimeout how long to wait for an answer after dialing before hanging up (CANCEL)
 * @param maxDuration how long an answered call may last before the dialer hangs up, so that a
 *     callee or a model that never stops cannot hold a line
 */
public record CallLimits(Duration ringTimeout, Duration maxDuration) {
  /** 30 s to answer, 5 minutes of talk. */
  public static final CallLimits DEFAULT =
      new CallLimits(Duration.ofSeconds(30), Duration.ofMinutes(5));

  public CallLimits {
    requirePositive("ringTimeout", ringTimeout);
    requirePositive("maxDuration", maxDuration);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration: " + d);
    }
  }
}
