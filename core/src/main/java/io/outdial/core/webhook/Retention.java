package io.outdial.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the delivery log keeps what it no longer needs: a delivery that is no longer pending
 * (succeeded, failed, cancelled) is purged once its last attempt (or, never tried, its creation) is
 * older than {@code keep}, and an event once it is older than {@code keep} and has no delivery
 * left. Pending deliveries and the events they carry are never purged, however old.
 *
 * @param keep how long; {@link Duration#ZERO} keeps everything forever
 */
public record Retention(Duration keep) {
  /** Keeps everything. */
  public static final Retention FOREVER = new Retention(Duration.ZERO);

  public Retention {
    Objects.requireNonNull(keep, "keep");
    if (keep.isNegative()) {
      throw new IllegalArgumentException("keep must not be negative: " + keep);
    }
  }

  /** Whether anything is ever purged. */
  public boolean purges() {
    return !keep.isZero();
  }

  /** What was done with before this instant may go at {@code now}; empty when nothing ever goes. */
  public Optional<Instant> cutoff(Instant now) {
    return purges() ? Optional.of(now.minus(keep)) : Optional.empty();
  }
}
