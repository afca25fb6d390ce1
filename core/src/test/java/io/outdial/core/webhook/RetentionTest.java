package io.outdial.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @Test
  void whatIsOlderThanTheRetentionGoes() {
    Retention thirtyDays = new Retention(Duration.ofDays(30));
    assertThat(thirtyDays.purges()).isTrue();
    assertThat(thirtyDays.cutoff(NOW)).contains(Instant.parse("2026-11-06T12:00:00Z"));
  }

  @Test
  void zeroKeepsEverythingAndANegativeRetentionIsRefused() {
    assertThat(Retention.FOREVER.purges()).isFalse();
    assertThat(Retention.FOREVER.cutoff(NOW)).isEmpty();
    assertThat(new Retention(Duration.ZERO)).isEqualTo(Retention.FOREVER);
    assertThatThrownBy(() -> new Retention(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
