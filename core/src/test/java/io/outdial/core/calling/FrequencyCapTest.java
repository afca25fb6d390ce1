package io.outdial.core.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrequencyCapTest {
  private static final Instant NOW = Instant.parse("2025-06-10T16:00:00Z");

  private static Instant hoursAgo(double hours) {
    return NOW.minus(Duration.ofMinutes((long) (hours * 60)));
  }

  @Test
  void fewerAttemptsThanTheCapAllowANumberNow() {
    FrequencyCap cap = new FrequencyCap(2);

    assertThat(cap.allowedFrom(List.of(), NOW)).isEqualTo(NOW);
    assertThat(cap.allowedFrom(List.of(hoursAgo(1)), NOW)).isEqualTo(NOW);
  }

  @Test
  void aNumberAtItsCapWaitsUntilTheOldestCountedAttemptLeavesTheDay() {
    FrequencyCap cap = new FrequencyCap(2);

    Instant at = cap.allowedFrom(List.of(hoursAgo(1), hoursAgo(5)), NOW);

    assertThat(at).isEqualTo(hoursAgo(5).plus(Duration.ofDays(1)));
  }

  @Test
  void aNumberOverItsCapWaitsUntilEnoughAttemptsLeaveForOneMore() {
    // three counted (another campaign without a cap may have called), cap 2: two must leave
    FrequencyCap cap = new FrequencyCap(2);

    Instant at = cap.allowedFrom(List.of(hoursAgo(1), hoursAgo(9), hoursAgo(5)), NOW);

    assertThat(at).isEqualTo(hoursAgo(5).plus(Duration.ofDays(1)));
  }

  @Test
  void attemptsADayOldOrOlderDoNotCount() {
    FrequencyCap cap = new FrequencyCap(1);

    assertThat(cap.allowedFrom(List.of(NOW.minus(Duration.ofDays(1))), NOW)).isEqualTo(NOW);
    assertThat(cap.allowedFrom(List.of(NOW.minus(Duration.ofDays(1)).plusMillis(1)), NOW))
        .isEqualTo(NOW.plusMillis(1));
  }

  @Test
  void theCapIsBetweenOneAndAHundred() {
    assertThat(new FrequencyCap(1).maxAttempts()).isEqualTo(1);
    assertThat(new FrequencyCap(100).maxAttempts()).isEqualTo(100);
    assertThatThrownBy(() -> new FrequencyCap(0))
        .isInstanceOf(ValidationException.class)
        .hasMessage("calling_rules.max_attempts_per_number_per_day must be between 1 and 100");
    assertThatThrownBy(() -> new FrequencyCap(101)).isInstanceOf(ValidationException.class);
  }
}
