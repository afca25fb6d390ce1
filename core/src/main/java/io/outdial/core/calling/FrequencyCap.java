package io.outdial.core.calling;

import io.outdial.core.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * At most {@code maxAttempts} call attempts to one number within any rolling {@link #WINDOW} (24
 * hours), counted over all of a client's campaigns ({@code
 * calling_rules.max_attempts_per_number_per_day} on the wire). An attempt is a call placed: it
 * counts from its start, whatever its outcome, for 24 hours.
 *
 * @param maxAttempts attempts per number per rolling day, 1 to {@value #MAX}
 */
public record FrequencyCap(int maxAttempts) {
  public static final int MAX = 100;

  /** The rolling window attempts are counted in. */
  public static final Duration WINDOW = Duration.ofDays(1);

  public FrequencyCap {
    if (maxAttempts < 1 || maxAttempts > MAX) {
      throw new ValidationException(
          "calling_rules.max_attempts_per_number_per_day",
          "calling_rules.max_attempts_per_number_per_day must be between 1 and " + MAX);
    }
  }

  /** The instant from which attempts at or before it no longer count at {@code now}. */
  public static Instant windowStart(Instant now) {
    return now.minus(WINDOW);
  }

  /**
   * When the number may be called again, at or after {@code now}: {@code now} while fewer than
   * {@code maxAttempts} of {@code attempts} started within the window before it; otherwise the
   * instant at which enough of the counted attempts have left the window for one more, i.e. the
   * start of the {@code (k - maxAttempts + 1)}-th oldest counted attempt plus 24 hours, where
   * {@code k} attempts are counted (with {@code k == maxAttempts}: when the oldest leaves).
   *
   * @param attempts the start times of the number's attempts; those outside the window are ignored
   */
  public Instant allowedFrom(Collection<Instant> attempts, Instant now) {
    Instant from = windowStart(now);
    List<Instant> counted = new ArrayList<>();
    for (Instant a : attempts) {
      if (a.isAfter(from)) {
        counted.add(a);
      }
    }
    if (counted.size() < maxAttempts) {
      return now;
    }
    counted.sort(null);
    Instant leaves = counted.get(counted.size() - maxAttempts).plus(WINDOW);
    return leaves.isAfter(now) ? leaves : now;
  }
}
