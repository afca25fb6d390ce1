package io.outdial.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.contact.Disposition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CampaignStatsTest {
  @Test
  void harIsHumanAnswersOverCallsPlacedToOneDecimal() {
    // The published example: 98 of 312 is 31.41...%.
    assertThat(CampaignStats.harPercent(98, 312)).isEqualTo(31.4);
    assertThat(CampaignStats.harPercent(1, 3)).isEqualTo(33.3);
    assertThat(CampaignStats.harPercent(2, 3)).isEqualTo(66.7);
    assertThat(CampaignStats.harPercent(5, 5)).isEqualTo(100.0);
  }

  @Test
  void harIsZeroWhenNothingWasPlaced() {
    assertThat(CampaignStats.harPercent(0, 0)).isEqualTo(0.0);
    assertThat(CampaignStats.EMPTY.harPercent()).isEqualTo(0.0);
    assertThat(CampaignStats.EMPTY.avgCallDurationSeconds()).isEqualTo(0.0);
  }

  @Test
  void harRoundsExactHalvesUp() {
    // 1/16 = 6.25% -> 6.3 (binary floating point would be tempted to give 6.2)
    assertThat(CampaignStats.harPercent(1, 16)).isEqualTo(6.3);
    assertThat(CampaignStats.harPercent(1, 8)).isEqualTo(12.5);
  }

  @Test
  void recordingCallsFillsTheRightCounters() {
    CampaignStats s =
        CampaignStats.EMPTY
            .record(Disposition.HUMAN_INTERESTED, Duration.ofSeconds(62))
            .record(Disposition.VOICEMAIL, Duration.ofSeconds(20))
            .record(Disposition.NO_ANSWER, Duration.ZERO)
            .record(Disposition.BUSY, Duration.ZERO)
            .record(Disposition.FAILED, Duration.ZERO);
    assertThat(s.callsPlaced()).isEqualTo(5);
    assertThat(s.humanAnswers()).isEqualTo(1);
    assertThat(s.voicemails()).isEqualTo(1);
    assertThat(s.noAnswer()).isEqualTo(2);
    assertThat(s.errors()).isEqualTo(1);
    assertThat(s.harPercent()).isEqualTo(20.0);
    assertThat(s.avgCallDurationSeconds()).isEqualTo(16.4);
  }

  @Test
  void averageDurationRoundsToOneDecimal() {
    CampaignStats s = new CampaignStats(3, 0, 0, 0, 0, 3, 141_650);
    assertThat(s.avgCallDurationSeconds()).isEqualTo(47.2);
  }

  @Test
  void elapsedIsWholeSecondsAndNeverNegative() {
    Instant start = Instant.parse("2025-03-15T10:30:00Z");
    assertThat(CampaignStats.elapsedSeconds(start, start.plusMillis(1_823_999))).isEqualTo(1823);
    assertThat(CampaignStats.elapsedSeconds(start, start.minusSeconds(5))).isZero();
  }
}
