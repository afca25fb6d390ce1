package io.outdial.dialer.dispatch;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Adds up the time a serial task runs: {@link #began()} when it starts (or is submitted), {@link
 * #ended()} when it stops. {@link #total()} includes the running period so far. One task at a time,
 * as a {@link SerialDrain} guarantees; readers on other threads may see a reading a few
 * microseconds off, which a load estimate does not mind.
 */
final class BusyMeter {
  private static final long IDLE = Long.MIN_VALUE;

  private final LongSupplier nanos;
  private final AtomicLong finished = new AtomicLong();
  private volatile long since = IDLE;

  BusyMeter(LongSupplier nanos) {
    this.nanos = nanos;
  }

  void began() {
    since = nanos.getAsLong();
  }

  void ended() {
    long s = since;
    since = IDLE;
    if (s != IDLE) {
      finished.addAndGet(nanos.getAsLong() - s);
    }
  }

  /** Nanoseconds busy so far, the current period included. */
  long total() {
    long s = since;
    long done = finished.get();
    return s == IDLE ? done : done + Math.max(0, nanos.getAsLong() - s);
  }
}
