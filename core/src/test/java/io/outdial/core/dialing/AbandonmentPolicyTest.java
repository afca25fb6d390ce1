package io.outdial.core.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.dialing.AbandonmentPolicy.Verdict;
import io.outdial.core.settings.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AbandonmentPolicyTest {
  private final AbandonmentPolicy policy = AbandonmentPolicy.DEFAULT;

  @Test
  void oneEarlyAbandonedCallDoesNotPauseACampaign() {
    assertThat(policy.judge(1, 1)).isEqualTo(Verdict.DIAL);
    assertThat(policy.judge(29, 5)).isEqualTo(Verdict.DIAL);
  }

  @Test
  void aboveTheLimitTheCampaignIsPaused() {
    assertThat(policy.judge(100, 4)).isEqualTo(Verdict.PAUSE);
    assertThat(policy.judge(30, 1)).isEqualTo(Verdict.PAUSE); // 3.3 %
  }

  @Test
  void nearTheLimitTheCampaignSlowsDown() {
    assertThat(policy.judge(1000, 24)).isEqualTo(Verdict.SLOW_DOWN); // 2.4 % = 80 % of 3 %
    assertThat(policy.judge(100, 3)).isEqualTo(Verdict.SLOW_DOWN); // at the limit: not above
    assertThat(policy.judge(1000, 23)).isEqualTo(Verdict.DIAL);
    assertThat(policy.judge(1000, 0)).isEqualTo(Verdict.DIAL);
  }

  @Test
  void aSlowedCampaignDialsAtHalfItsConcurrencyAndAtLeastOneLine() {
    assertThat(AbandonmentPolicy.effectiveConcurrency(10, Verdict.SLOW_DOWN)).isEqualTo(5);
    assertThat(AbandonmentPolicy.effectiveConcurrency(1, Verdict.SLOW_DOWN)).isEqualTo(1);
    assertThat(AbandonmentPolicy.effectiveConcurrency(10, Verdict.DIAL)).isEqualTo(10);
  }

  @Test
  void aLiveAnswerIsAbandonedAfterMoreThanTwoSecondsOfDeadAirOrWithoutTheAgentHeard() {
    assertThat(AbandonmentPolicy.abandoned(Optional.of(2000))).isFalse();
    assertThat(AbandonmentPolicy.abandoned(Optional.of(2001))).isTrue();
    assertThat(AbandonmentPolicy.abandoned(Optional.empty())).isTrue();
  }

  @Test
  void theRateIsInPercentWithOneDecimal() {
    assertThat(AbandonmentPolicy.ratePercent(0, 0)).isZero();
    assertThat(AbandonmentPolicy.ratePercent(30, 1)).isEqualTo(3.3);
  }

  @Test
  void settingsOverrideTheDefaultsAndAMalformedOneNamesItsKey() {
    AbandonmentPolicy read =
        AbandonmentPolicy.from(
            Settings.of(
                Map.of(
                    "abandonment.limit-percent", "5",
                    "abandonment.slow-down-percent", "50",
                    "abandonment.window-days", "7",
                    "abandonment.minimum-live-answers", "4"),
                "outdial."));
    assertThat(read).isEqualTo(new AbandonmentPolicy(5, 0.5, Duration.ofDays(7), 4));
    assertThat(AbandonmentPolicy.from(Settings.of(Map.of(), "outdial.")))
        .isEqualTo(AbandonmentPolicy.DEFAULT);
    assertThatThrownBy(
            () ->
                AbandonmentPolicy.from(
                    Settings.of(Map.of("abandonment.limit-percent", "lots"), "outdial.")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("abandonment.limit-percent");
    assertThatThrownBy(() -> policy.judge(1, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
