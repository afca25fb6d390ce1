package io.outdial.dialer.call;

import java.time.Duration;

/**
 * Time bounds of every call.
 *
 * @param ringTimeout how long to wait for an answer after dialing before hanging up (CANCEL)
 * @param maxDuration how long an answered call may last before the dialer hangs up, so that a
 *     callee or a model that never stops cannot hold a line
 * @param openingWait with an agent that waits for the callee's first words ({@code
 *     assistant_waits_for_user}), how long a silent callee is waited for before the agent opens
 *     anyway: dead air loses a person as surely as talking over them
 */
public record CallLimits(Duration ringTimeout, Duration maxDuration, Duration openingWait) {
  /** 30 s to answer, 5 minutes of talk, 3 s for a callee to speak first. */
  public static final CallLimits DEFAULT =
      new CallLimits(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(3));

  public CallLimits {
    requirePositive("ringTimeout", ringTimeout);
    requirePositive("maxDuration", maxDuration);
    requirePositive("openingWait", openingWait);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration: " + d);
    }
  }
}
