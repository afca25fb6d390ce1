package io.outdial.persistence.webhook;

/**
 * What one purge of the delivery log removed.
 *
 * @param deliveries finished deliveries removed
 * @param events events removed (older than the cutoff, no delivery left)
 * @param skipped whether another server was purging, so this one removed nothing
 */
public record Purged(int deliveries, int events, boolean skipped) {
  /** Nothing removed: another server holds the purge. */
  public static final Purged SKIPPED = new Purged(0, 0, true);

  /** Rows removed in all. */
  public int rows() {
    return deliveries + events;
  }
}
