package io.outdial.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.webhook.Retention;
import io.outdial.core.webhook.RetrySchedule;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {
  private static WebhookSettings read(Map<String, String> config) {
    return WebhookSettings.from(key -> Optional.ofNullable(config.get(key)));
  }

  @Test
  void defaults() {
    WebhookSettings s = read(Map.of());

    assertThat(s.enabled()).isTrue();
    assertThat(s.retry()).isEqualTo(RetrySchedule.STANDARD);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.disableAfter()).isEqualTo(Duration.ofHours(120));
    assertThat(s.poll()).isEqualTo(Duration.ofMillis(200));
    assertThat(s.concurrency()).isEqualTo(32);
    assertThat(s.secretOverlap()).isEqualTo(Duration.ofHours(24));
    assertThat(s.yieldAt()).isEqualTo(0.75);
    assertThat(s.pace().floor()).isEqualTo(4);
    assertThat(s.retention().keep()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void theRetentionIsInDaysAndZeroKeepsTheLogForever() {
    assertThat(read(Map.of("outdial.webhooks.retention-days", "7")).retention().keep())
        .isEqualTo(Duration.ofDays(7));
    assertThat(read(Map.of("outdial.webhooks.retention-days", "36h")).retention().keep())
        .isEqualTo(Duration.ofHours(36));
    assertThat(read(Map.of("outdial.webhooks.retention-days", "0")).retention())
        .isEqualTo(Retention.FOREVER);
    assertThatThrownBy(() -> read(Map.of("outdial.webhooks.retention-days", "4000")))
        .hasMessageContaining("outdial.webhooks.retention-days");
    assertThatThrownBy(() -> read(Map.of("outdial.webhooks.retention-days", "-1")))
        .hasMessageContaining("outdial.webhooks.retention-days");
  }

  @Test
  void bareNumbersKeepTheUnitOfTheirNameAndEveryOtherFormOfTheSyntaxWorks() {
    WebhookSettings bare =
        read(
            Map.of(
                "outdial.webhooks.timeout-seconds", "20",
                "outdial.webhooks.disable-after-hours", "48",
                "outdial.webhooks.poll-ms", "500",
                "outdial.webhooks.secret-overlap-hours", "0",
                "outdial.webhooks.enabled", "FALSE",
                "outdial.webhooks.retry-schedule", "10s, 1m"));
    assertThat(bare.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(bare.disableAfter()).isEqualTo(Duration.ofHours(48));
    assertThat(bare.poll()).isEqualTo(Duration.ofMillis(500));
    assertThat(bare.secretOverlap()).isZero();
    assertThat(bare.enabled()).isFalse();
    assertThat(bare.retry().delays())
        .containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1));

    WebhookSettings units =
        read(
            Map.of(
                "outdial.webhooks.timeout-seconds", "1.5s",
                "outdial.webhooks.disable-after-hours", "P2D",
                "outdial.webhooks.poll-ms", "1s",
                "outdial.webhooks.secret-overlap-hours", "90m"));
    assertThat(units.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(units.disableAfter()).isEqualTo(Duration.ofDays(2));
    assertThat(units.poll()).isEqualTo(Duration.ofSeconds(1));
    assertThat(units.secretOverlap()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void malformedValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> read(Map.of("outdial.webhooks.timeout-seconds", "90")))
        .hasMessageStartingWith("outdial.webhooks.timeout-seconds must be a duration from 1s to 1m")
        .hasMessageEndingWith("got '90'");
    assertThatThrownBy(() -> read(Map.of("outdial.webhooks.concurrency", "0")))
        .hasMessage("outdial.webhooks.concurrency must be a whole number from 1 to 1000, got '0'");
    assertThatThrownBy(() -> read(Map.of("outdial.webhooks.yield-to-dialing-at", "0")))
        .hasMessageStartingWith(
            "outdial.webhooks.yield-to-dialing-at must be a number from 0.1 to 2");
    assertThatThrownBy(() -> read(Map.of("outdial.webhooks.enabled", "maybe")))
        .hasMessage("outdial.webhooks.enabled must be true or false, got 'maybe'");
    assertThatThrownBy(() -> read(Map.of("outdial.webhooks.retry-schedule", "5")))
        .hasMessageStartingWith("outdial.webhooks.retry-schedule must be valid (")
        .hasMessageEndingWith("got '5'");
  }
}
