package io.outdial.admin.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing of the admin key, per client address.
 *
 * <p>The rule: the first {@value #FREE_FAILURES} wrong keys in a row from an address cost nothing
 * more than the wrong answer; from then on each wrong key locks the address out for {@link
 * #FIRST_LOCK}, doubling with every further wrong key up to {@link #MAX_LOCK}. During a lock-out
 * every attempt is refused before the key is even compared, and the page says how long to wait; no
 * server thread sleeps. A correct key clears the address's record, and a record with no wrong key
 * for {@link #FORGET_AFTER} is forgotten.
 *
 * <p>The address is the TCP peer's: behind a reverse proxy every admin shares the proxy's address,
 * which is the safe side (forwarded headers can be forged).
 */
@ApplicationScoped
public class SignInThrottle {
  /** Wrong keys in a row an address may send before lock-outs begin. */
  public static final int FREE_FAILURES = 2;

  static final Duration FIRST_LOCK = Duration.ofSeconds(1);
  static final Duration MAX_LOCK = Duration.ofMinutes(5);
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  private static final int PRUNE_ABOVE = 10_000;

  @Inject Clock clock;

  private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

  SignInThrottle() {}

  SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long {@code address} must still wait before its next attempt; zero when it may try. */
  public Duration waitBefore(String address) {
    Failures failures = byAddress.get(address);
    Instant now = clock.instant();
    if (failures == null || !now.isBefore(failures.lockedUntil())) {
      return Duration.ZERO;
    }
    return Duration.between(now, failures.lockedUntil());
  }

  /** Records a wrong key from {@code address}. */
  public void failed(String address) {
    Instant now = clock.instant();
    byAddress.compute(
        address,
        (key, previous) -> {
          int count = previous == null || previous.forgottenAt(now) ? 1 : previous.count() + 1;
          Instant lockedUntil = count > FREE_FAILURES ? now.plus(lockFor(count)) : now;
          return new Failures(count, now, lockedUntil);
        });
    if (byAddress.size() > PRUNE_ABOVE) {
      byAddress.values().removeIf(failures -> failures.forgottenAt(now));
    }
  }

  /** Records the right key from {@code address}: its past mistakes are forgiven. */
  public void succeeded(String address) {
    byAddress.remove(address);
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
