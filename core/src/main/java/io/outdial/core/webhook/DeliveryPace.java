package io.outdial.core.webhook;

/**
 * How many deliveries a sender may have in flight, given how busy dialing is: deliveries are
 * background work that must not take the machine from the calls being dialed. While the load (0 to
 * 1, over the time since the last look: the share of time the dialer was busy) is at or above
 * {@code busyAt}, the limit halves at every look down to {@code floor}, and the sender waits for
 * its poll instead of being woken by answers; below it, the limit grows back by an eighth of {@code
 * max} at every look. Deliveries never stop: at least {@code floor} leave at every poll.
 *
 * @param max the most deliveries in flight (the sender's concurrency)
 * @param floor the fewest, however busy dialing is (at least 1, at most {@code max})
 * @param busyAt the load at and above which the sender yields; {@code 1} or more never yields (a
 *     load is never above 1)
 */
public record DeliveryPace(int max, int floor, double busyAt) {

  public DeliveryPace {
    if (max < 1 || floor < 1 || floor > max) {
      throw new IllegalArgumentException("need 1 <= floor <= max, got " + floor + ", " + max);
    }
    if (!(busyAt > 0)) {
      throw new IllegalArgumentException("busyAt must be above 0, got " + busyAt);
    }
  }

  /** The pace of a sender with {@code max} deliveries in flight: floor an eighth of it. */
  public static DeliveryPace of(int max, double busyAt) {
    return new DeliveryPace(max, Math.max(1, max / 8), busyAt);
  }

  /** Whether a load this high makes the sender yield ({@code load} negative: not known). */
  public boolean yields(double load) {
    return load >= busyAt;
  }

  /**
   * The limit after a look at the load; an unknown load (negative: nothing measured yet) changes
   * nothing.
   */
  public int next(int limit, double load) {
    if (load < 0) {
      return limit;
    }
    if (yields(load)) {
      return Math.max(floor, limit / 2);
    }
    return Math.min(max, limit + Math.max(1, max / 8));
  }
}
