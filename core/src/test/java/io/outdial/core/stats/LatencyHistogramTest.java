package io.outdial.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void aValueOnABoundCountsInThatBucketAndOneAboveInTheNext() {
    assertThat(LatencyHistogram.bucketOf(0)).isZero();
    assertThat(LatencyHistogram.bucketOf(100)).isZero();
    assertThat(LatencyHistogram.bucketOf(101)).isEqualTo(1);
    assertThat(LatencyHistogram.bucketOf(2000)).isEqualTo(LatencyHistogram.BOUNDS_MS.indexOf(2000));
    assertThat(LatencyHistogram.bucketOf(30_001)).isEqualTo(LatencyHistogram.BUCKETS - 1);
  }

  @Test
  void nothingCountedHasNoPercentile() {
    assertThat(LatencyHistogram.EMPTY.percentile(0.5)).isEmpty();
    assertThat(LatencyHistogram.EMPTY.count()).isZero();
  }

  @Test
  void percentilesAreInterpolatedInsideTheirBucket() {
    LatencyHistogram h = LatencyHistogram.EMPTY;
    for (int i = 0; i < 90; i++) {
      h = h.plus(650); // (600, 700]
    }
    for (int i = 0; i < 10; i++) {
      h = h.plus(2400); // (2000, 2500]
    }
    assertThat(h.count()).isEqualTo(100);
    // the 50th of 90 values in (600, 700]
    assertThat(h.percentile(0.5)).contains(656);
    // the 5th of 10 values in (2000, 2500]
    assertThat(h.percentile(0.95)).contains(2250);
    assertThat(h.percentile(1.0)).contains(2500);
  }

  @Test
  void aPercentileAboveEveryBoundIsTheLastBound() {
    LatencyHistogram h = LatencyHistogram.EMPTY.plus(45_000);
    assertThat(h.percentile(0.5)).contains(30_000);
  }

  @Test
  void storedCountsReadBackAndShortArraysArePadded() {
    LatencyHistogram h = LatencyHistogram.EMPTY.plus(50).plus(150).plus(150);
    assertThat(LatencyHistogram.of(h.counts())).isEqualTo(h);
    assertThat(LatencyHistogram.of(new long[] {1, 2})).isEqualTo(h);
    assertThat(LatencyHistogram.of(null)).isEqualTo(LatencyHistogram.EMPTY);
    assertThatThrownBy(() -> LatencyHistogram.of(new long[LatencyHistogram.BUCKETS + 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencyHistogram.of(new long[] {-1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
