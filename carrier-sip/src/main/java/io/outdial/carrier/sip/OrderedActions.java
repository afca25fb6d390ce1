package io.outdial.carrier.sip;

import io.outdial.carrier.sip.stacklog.Redaction;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;

/**
 * A leg's outbox: what its decisions imply (SIP messages to send, events to report) runs here in
 * the order it was decided, by one thread at a time, and never under the leg's lock. Whichever
 * thread finds the outbox idle runs it empty; others only add to it. An action may add further
 * actions; they run after it.
 */
final class OrderedActions {
  private static final System.Logger LOG = System.getLogger(OrderedActions.class.getName());

  private final String owner;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean running;

  /**
   * @param owner names the leg in log lines (its Call-ID)
   */
  OrderedActions(String owner) {
    this.owner = owner;
  }

  synchronized void add(Runnable action) {
    queue.add(action);
  }

  /** Runs every queued action unless another thread is already doing so. */
  void runPending() {
    synchronized (this) {
      if (running) {
        return;
      }
      running = true;
    }
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queue.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "SIP call {0}: {1}", owner, Redaction.describe(e));
      }
    }
  }
}
