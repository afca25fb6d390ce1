package io.outdial.dialer.call;

import java.time.Instant;

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
}
