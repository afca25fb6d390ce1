package io.outdial.core.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Counts of measured latencies (milliseconds) in fixed buckets: the campaign's figures kept on its
 * row and a server's {@code /metrics} histograms use the same bounds, so both read alike. A bucket
 * holds the values up to and including its bound and above the previous one; the last bucket holds
 * everything above {@link #BOUNDS_MS}' last bound.
 *
 * <p>Percentiles are interpolated linearly inside the bucket that holds them, as Prometheus' {@code
 * histogram_quantile} does, so they are exact to within one bucket's width: 100 ms up to 1 s, 200
 * ms up to 2 s, coarser above, where a caller has long stopped listening anyway.
 */
public final class LatencyHistogram {
  /** Upper bounds of the buckets, in milliseconds; one more bucket holds what is above. */
  public static final List<Integer> BOUNDS_MS =
      List.of(
          100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1200, 1400, 1600, 1800, 2000, 2500,
          3000, 4000, 5000, 7500, 10000, 15000, 30000);

  /** The number of buckets, the one above the last bound included. */
  public static final int BUCKETS = BOUNDS_MS.size() + 1;

  /** No measure yet. */
  public static final LatencyHistogram EMPTY = new LatencyHistogram(new long[BUCKETS]);

  private final long[] counts;

  private LatencyHistogram(long[] counts) {
    this.counts = counts;
  }

  /**
   * A histogram of stored counts, one per bucket; a shorter (or null) array counts nothing in the
   * buckets it lacks.
   *
   * @throws IllegalArgumentException when a count is negative or there are more counts than buckets
   */
  public static LatencyHistogram of(long[] counts) {
    long[] copy = new long[BUCKETS];
    if (counts != null) {
      if (counts.length > BUCKETS) {
        throw new IllegalArgumentException(
            "a latency histogram has " + BUCKETS + " buckets, not " + counts.length);
      }
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] < 0) {
          throw new IllegalArgumentException("bucket " + i + " counts " + counts[i]);
        }
        copy[i] = counts[i];
      }
    }
    return new LatencyHistogram(copy);
  }

  /** The bucket {@code millis} falls into. */
  public static int bucketOf(long millis) {
    for (int i = 0; i < BOUNDS_MS.size(); i++) {
      if (millis <= BOUNDS_MS.get(i)) {
        return i;
      }
    }
    return BOUNDS_MS.size();
  }

  /** This histogram with {@code millis} counted once more. */
  public LatencyHistogram plus(long millis) {
    long[] copy = counts.clone();
    copy[bucketOf(millis)]++;
    return new LatencyHistogram(copy);
  }

  /** The counts per bucket, a copy. */
  public long[] counts() {
    return counts.clone();
  }

  /** How many values were counted. */
  public long count() {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  /**
   * The {@code quantile} (0.5 for the median, 0.95 for p95) in whole milliseconds, interpolated in
   * its bucket; empty when nothing was counted. A quantile in the last bucket, above every bound,
   * is reported as the last bound: the histogram knows no more.
   */
  public Optional<Integer> percentile(double quantile) {
    if (!(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException("a quantile lies between 0 and 1: " + quantile);
    }
    long total = count();
    if (total == 0) {
      return Optional.empty();
    }
    double rank = quantile * total;
    long below = 0;
    for (int i = 0; i < counts.length; i++) {
      long inBucket = counts[i];
      if (inBucket > 0 && below + inBucket >= rank) {
        if (i == BOUNDS_MS.size()) {
          return Optional.of(BOUNDS_MS.get(i - 1));
        }
        int lower = i == 0 ? 0 : BOUNDS_MS.get(i - 1);
        int upper = BOUNDS_MS.get(i);
        double within = Math.max(0, rank - below) / inBucket;
        return Optional.of((int) Math.round(lower + (upper - lower) * within));
      }
      below += inBucket;
    }
    return Optional.of(BOUNDS_MS.get(BOUNDS_MS.size() - 1)); // not reached: rank <= total
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram h && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "LatencyHistogram" + Arrays.toString(counts);
  }
}
