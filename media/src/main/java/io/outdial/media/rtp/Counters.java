package io.outdial.media.rtp;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link MediaStats}. A session's counters also count into their engine's, so
 * the engine's totals include closed sessions without a race at close. Thread-safe.
 */
final class Counters {
  enum Kind {
    FRAMES_SENT,
    FRAMES_LATE,
    FRAMES_SKIPPED,
    PACKETS_RECEIVED,
    PACKETS_LOST,
    PACKETS_LATE,
    PACKETS_DUPLICATE,
    PACKETS_REJECTED,
    FRAMES_DELIVERED
  }

  private final LongAdder[] values = new LongAdder[Kind.values().length];
  private final Counters parent;

  /**
   * @param parent also counts everything counted here; {@code null} for none
   */
  Counters(Counters parent) {
    this.parent = parent;
    for (int i = 0; i < values.length; i++) {
      values[i] = new LongAdder();
    }
  }

  void increment(Kind kind) {
    add(kind, 1);
  }

  void add(Kind kind, long amount) {
    values[kind.ordinal()].add(amount);
    if (parent != null) {
      parent.add(kind, amount);
    }
  }

  long get(Kind kind) {
    return values[kind.ordinal()].sum();
  }

  MediaStats snapshot() {
    return new MediaStats(
        get(Kind.FRAMES_SENT),
        get(Kind.FRAMES_LATE),
        get(Kind.FRAMES_SKIPPED),
        get(Kind.PACKETS_RECEIVED),
        get(Kind.PACKETS_LOST),
        get(Kind.PACKETS_LATE),
        get(Kind.PACKETS_DUPLICATE),
        get(Kind.PACKETS_REJECTED),
        get(Kind.FRAMES_DELIVERED));
  }
}
