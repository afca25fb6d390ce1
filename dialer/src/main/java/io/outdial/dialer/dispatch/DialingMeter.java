package io.outdial.dialer.dispatch;

import io.outdial.core.dialing.DialingLoad;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongSupplier;

/**
 * This server's {@link DialingLoad}: how much of the time since the last look the dispatcher's
 * drain and the outcome writer's drain were running (submitted or at work), the busier of the two.
 * Both are serial, so a share near 1 means dialing is limited by how fast this server can go, and
 * anything else on the machine takes from it.
 */
@ApplicationScoped
public class DialingMeter implements DialingLoad {
  private final LongSupplier nanos;
  private final BusyMeter dispatch;
  private final BusyMeter outcomes;
  private long lookedAt;
  private long dispatchSeen;
  private long outcomesSeen;

  public DialingMeter() {
    this(System::nanoTime);
  }

  DialingMeter(LongSupplier nanos) {
    this.nanos = nanos;
    this.dispatch = new BusyMeter(nanos);
    this.outcomes = new BusyMeter(nanos);
    this.lookedAt = nanos.getAsLong();
  }

  BusyMeter dispatch() {
    return dispatch;
  }

  BusyMeter outcomes() {
    return outcomes;
  }

  @Override
  public synchronized double sinceLastLook() {
    long now = nanos.getAsLong();
    long d = dispatch.total();
    long o = outcomes.total();
    long wall = now - lookedAt;
    double share =
        wall <= 0 ? -1 : Math.min(1, Math.max(d - dispatchSeen, o - outcomesSeen) / (double) wall);
    lookedAt = now;
    dispatchSeen = d;
    outcomesSeen = o;
    return share;
  }
}
