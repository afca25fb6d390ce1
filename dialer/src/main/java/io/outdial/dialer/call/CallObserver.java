package io.outdial.dialer.call;

import io.outdial.core.id.TransferId;
import io.outdial.core.transfer.TransferFailure;
import io.outdial.core.transfer.TransferStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * What the dispatcher hears of one call: a do-not-call request the moment it is heard, and the
 * outcome at the end. Both are called after the call's lock is released, on whichever thread
 * delivered the event; they should hand off quickly.
 */
@FunctionalInterface
public interface CallObserver {
  /** The call ended; called exactly once. */
  void finished(CallOutcome outcome);

  /**
   * The callee asked not to be called again; called at most once, before {@link #finished}. The
   * outcome carries the request too: this is the early, independent copy, so that the request
   * survives whatever happens to the call's record.
   */
  default void optedOut(Instant at) {}

  /**
   * A transfer of the call moved to {@code status} (the session follows {@link TransferStatus}'s
   * state machine); called in order for each transfer, {@code failure} set for the failed ones.
   */
  default void transferChanged(
      TransferId transfer, TransferStatus status, Optional<TransferFailure> failure) {}

  /**
   * The agent decided the callee should speak to a human ({@code transfer} intent): the dispatcher
   * asks for a transfer as the API would, and hands it (or the callback) back to the session.
   */
  default void transferWanted() {}

  /** The callee was told someone will call back (the callback task {@code callbackId}). */
  default void callbackAnnounced(String callbackId) {}
}
