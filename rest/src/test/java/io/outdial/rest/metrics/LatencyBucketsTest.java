package io.outdial.rest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.stats.LatencyHistogram;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {
  @Test
  void theMetricsHistogramsCountInTheBucketsOfTheCampaignStats() throws IOException {
    Properties config = new Properties();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
      config.load(in);
    }
    String buckets = config.getProperty("mp.metrics.distribution.histogram.buckets");
    assertThat(buckets).startsWith("outdial.call.*=");
    assertThat(
            Arrays.stream(buckets.substring("outdial.call.*=".length()).split(","))
                .map(Integer::valueOf)
                .toList())
        .isEqualTo(LatencyHistogram.BOUNDS_MS);
    assertThat(DialerMetrics.FIRST_AUDIO).startsWith("outdial.call.");
    assertThat(DialerMetrics.MACHINE_DETECTION).startsWith("outdial.call.");
    assertThat(DialerMetrics.VOICE_TO_VOICE).startsWith("outdial.call.");
  }
}
