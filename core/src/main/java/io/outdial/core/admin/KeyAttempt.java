package io.outdial.core.admin;

import java.time.Duration;

/** How one attempt with an admin key ended. */
public sealed interface KeyAttempt {
  /** The key is the admin key; the address's past mistakes are forgiven. */
  record Accepted() implements KeyAttempt {}

  /** The key is not the admin key; the mistake is counted against the address. */
  record Wrong() implements KeyAttempt {}

  /**
   * The address is locked out: the key was not even compared.
   *
   * @param remaining how long the address must still wait, positive
   */
  record LockedOut(Duration remaining) implements KeyAttempt {
    /** The wait in whole seconds, rounded up and at least 1: what a client is told. */
    public long seconds() {
      return Math.max(1, (remaining.toMillis() + 999) / 1000);
    }
  }
}
