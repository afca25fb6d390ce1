package io.outdial.core.ratelimit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond source moved by hand; starts far from zero to catch origin assumptions. */
final class FakeNanoClock implements LongSupplier {
  private final AtomicLong now = new AtomicLong(-7_000_000_000_000L);

  @Override
  public long getAsLong() {
    return now.get();
  }

  void advanceSeconds(double seconds) {
    now.addAndGet(Math.round(seconds * 1e9));
  }

  void advanceNanos(long nanos) {
    now.addAndGet(nanos);
  }
}
