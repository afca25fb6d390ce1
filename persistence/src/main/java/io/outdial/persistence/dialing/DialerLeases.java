package io.outdial.persistence.dialing;

import io.outdial.core.dialing.DialRules;
import io.outdial.core.id.CallId;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The dialer's port for server leases: each dialing server renews a heartbeat; the calls of a
 * server that stopped renewing are closed as lost by any other and their contacts retried.
 */
public interface DialerLeases {
  /**
   * Says that {@code serverId} is alive, which renews the lease on all its calls in flight. Uses
   * the database's clock, so servers' clocks need not agree.
   */
  void heartbeat(String serverId, String host);

  /**
   * Gives up this server's lease at shutdown: its calls still open can be reclaimed at once by any
   * server, and its row goes with the next reclaim.
   */
  void expire(String serverId);

  /**
   * Closes calls whose server's lease expired (its heartbeat is older than {@code lease}) or that
   * have been open longer than {@code maxAge} whatever their server, as {@code failed} with reason
   * {@code server_lost} (or {@code stale}), and schedules their contacts again by {@code rules}.
   *
   * @return how many calls were closed
   */
  int reclaim(Duration lease, Duration maxAge, int limit, Instant now, DialRules rules);

  /**
   * The open calls of {@code serverId} that an integrator asked to end ({@link
   * io.outdial.persistence.call.CallEnds}): the server hangs them up. A call stays in the answer
   * until its outcome is written, so asking again is harmless.
   */
  Set<CallId> endsRequested(String serverId);
}
