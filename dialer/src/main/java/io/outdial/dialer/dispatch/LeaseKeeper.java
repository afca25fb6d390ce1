package io.outdial.dialer.dispatch;

import io.outdial.core.dialing.DialRules;
import io.outdial.persistence.dialing.DialerLeases;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Keeps this server's dialer lease and fences it when it cannot.
 *
 * <p>{@link #renew()} runs four times per lease: it renews the heartbeat and closes the calls of
 * servers whose lease expired. {@link #check()} is the self-fencing: when the lease has not been
 * renewed for three quarters of it (the database is unreachable or too slow), another server may
 * soon close this server's calls as lost and dial those contacts again; so this server hangs up
 * every call it has up, so that no contact is ever on two calls, and claims nothing until the lease
 * is renewed.
 */
final class LeaseKeeper {
  private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

  /** The most lost calls closed per renewal. */
  static final int RECLAIM_BATCH = 500;

  private final DialerLeases leases;
  private final String serverId;
  private final String host;
  private final Duration lease;
  private final Duration maxCallAge;
  private final DialRules rules;
  private final Clock clock;
  private final IntSupplier hangUpAll;
  private final Runnable reclaimed;
  private volatile Instant renewed;
  private volatile boolean fenced;

  /**
   * @param hangUpAll hangs up every call of this server and says how many were up
   * @param reclaimed told when calls of lost servers were closed (their contacts are due again)
   */
  LeaseKeeper(
      DialerLeases leases,
      String serverId,
      String host,
      Duration lease,
      Duration maxCallAge,
      DialRules rules,
      Clock clock,
      IntSupplier hangUpAll,
      Runnable reclaimed) {
    this.leases = Objects.requireNonNull(leases, "leases");
    this.serverId = serverId;
    this.host = host;
    this.lease = lease;
    this.maxCallAge = maxCallAge;
    this.rules = rules;
    this.clock = clock;
    this.hangUpAll = hangUpAll;
    this.reclaimed = reclaimed;
    this.renewed = clock.instant();
  }

  /** Takes the lease at start (fails the start when the database is not there). */
  void take() {
    leases.heartbeat(serverId, host);
    renewed = clock.instant();
  }

  /** How often {@link #renew()} should run: four renewals per lease. */
  Duration renewalInterval() {
    return Duration.ofMillis(Math.max(200, lease.toMillis() / 4));
  }

  /** True while dialing holds because the lease could not be renewed. */
  boolean fenced() {
    return fenced;
  }

  /** Renews the lease and closes lost servers' calls; failures are logged and retried next time. */
  void renew() {
    try {
      leases.heartbeat(serverId, host);
      renewed = clock.instant();
      if (fenced) {
        fenced = false;
        LOG.log(Level.INFO, "Dialer lease renewed; dialing again");
      }
      int closed = leases.reclaim(lease, maxCallAge, RECLAIM_BATCH, clock.instant(), rules);
      if (closed > 0) {
        LOG.log(Level.WARNING, "Closed {0} calls of a lost server as server_lost", closed);
        reclaimed.run();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not renew the dialer lease; retrying", e);
    }
  }

  /** Fences this server when its lease has gone unrenewed for three quarters of it. */
  void check() {
    Duration silent = Duration.between(renewed, clock.instant());
    if (fenced || silent.compareTo(lease.multipliedBy(3).dividedBy(4)) < 0) {
      return;
    }
    fenced = true;
    int up = hangUpAll.getAsInt();
    LOG.log(
        Level.ERROR,
        "Could not renew this server''s dialer lease for {0} ms: hung up its {1} calls and holds"
            + " dialing until the database answers again",
        silent.toMillis(),
        up);
  }

  /** Gives the lease up at shutdown, so that any server may close this server's calls at once. */
  void expire() {
    leases.expire(serverId);
  }
}
