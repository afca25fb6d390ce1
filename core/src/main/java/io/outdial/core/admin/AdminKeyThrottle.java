package io.outdial.core.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Slows down guessing of the admin key, per client address.
 *
 * <p>The rule: the first {@value #FREE_FAILURES} wrong keys in a row from an address cost nothing
 * more than the wrong answer; from then on each wrong key locks the address out for {@link
 * #FIRST_LOCK}, doubling with every further wrong key up to {@link #MAX_LOCK}. During a lock-out
 * every attempt is refused before the key is even compared, and the caller learns how long to wait;
 * no thread sleeps. A correct key clears the address's record, and a record with no wrong key for
 * {@link #FORGET_AFTER} is forgotten.
 *
 * <p>An attempt is one atomic step per address: the lock-out check, the comparison and the counting
 * happen together, so that concurrent guesses from one address cannot all pass the check before any
 * of them is counted; at most {@code FREE_FAILURES + 1} wrong keys in a row are ever compared. The
 * comparison therefore runs while the address's entry is locked: it must be quick (compare two
 * digests; hash the candidate beforehand) and must not use this throttle.
 *
 * <p>The address is whatever the caller names the client by: the HTTP layers use the TCP peer's
 * address, so behind a reverse proxy every admin shares the proxy's address, which is the safe side
 * (forwarded headers can be forged). One throttle should serve every way the admin key can be
 * presented, since they all guess the same secret.
 */
public final class AdminKeyThrottle {
  /** Wrong keys in a row an address may send before lock-outs begin. */
  public static final int FREE_FAILURES = 2;

  /** The lock-out after the first wrong key beyond the free ones. */
  public static final Duration FIRST_LOCK = Duration.ofSeconds(1);

  /** The longest lock-out. */
  public static final Duration MAX_LOCK = Duration.ofMinutes(5);

  /** A record with no wrong key for this long (and no lock-out running) is forgotten. */
  public static final Duration FORGET_AFTER = Duration.ofMinutes(15);

  private static final int PRUNE_ABOVE = 10_000;
  private static final KeyAttempt ACCEPTED = new KeyAttempt.Accepted();
  private static final KeyAttempt WRONG = new KeyAttempt.Wrong();

  private final Clock clock;
  private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

  public AdminKeyThrottle(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * One attempt from {@code address}: refused while the address is locked out; otherwise {@code
   * isRightKey} is asked once and its answer counted (a wrong key towards a lock-out, the right one
   * clears the record).
   *
   * @param isRightKey whether the presented key is the admin key; quick, see the class comment
   */
  public KeyAttempt attempt(String address, BooleanSupplier isRightKey) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(isRightKey, "isRightKey");
    KeyAttempt[] outcome = new KeyAttempt[1];
    byAddress.compute(
        address,
        (key, previous) -> {
          Instant now = clock.instant();
          Failures failures = previous == null || previous.forgottenAt(now) ? null : previous;
          if (failures != null && now.isBefore(failures.lockedUntil())) {
            outcome[0] = new KeyAttempt.LockedOut(Duration.between(now, failures.lockedUntil()));
            return failures;
          }
          if (isRightKey.getAsBoolean()) {
            outcome[0] = ACCEPTED;
            return null;
          }
          int count = failures == null ? 1 : failures.count() + 1;
          Instant lockedUntil = count > FREE_FAILURES ? now.plus(lockFor(count)) : now;
          outcome[0] = WRONG;
          return new Failures(count, now, lockedUntil);
        });
    if (byAddress.size() > PRUNE_ABOVE) {
      Instant now = clock.instant();
      byAddress.values().removeIf(failures -> failures.forgottenAt(now));
    }
    return outcome[0];
  }

  /** The lock-out after the {@code count}-th wrong key in a row (count above the free ones). */
  static Duration lockFor(int count) {
    int doublings = Math.min(count - FREE_FAILURES - 1, 20);
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
  }

  private record Failures(int count, Instant lastFailure, Instant lockedUntil) {
    boolean forgottenAt(Instant now) {
      return !now.isBefore(lastFailure.plus(FORGET_AFTER)) && !now.isBefore(lockedUntil);
    }
  }
}
