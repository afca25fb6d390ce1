package io.outdial.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  @Test
  void theStandardScheduleGivesTenAttemptsOverAboutThreeAndAHalfDays() {
    RetrySchedule s = RetrySchedule.STANDARD;
    assertThat(s.attempts()).isEqualTo(10);
    Duration total = s.delays().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(total).isEqualTo(Duration.ofHours(75).plusMinutes(35).plusSeconds(5));
  }

  @Test
  void eachDelayIsJitteredWithinAFifthAndTheLastAttemptHasNoSuccessor() {
    Random random = new Random(42);
    RetrySchedule s = RetrySchedule.STANDARD;
    for (int made = 1; made <= 9; made++) {
      Duration base = s.delays().get(made - 1);
      for (int i = 0; i < 200; i++) {
        long ms = s.next(made, random).orElseThrow().toMillis();
        assertThat(ms).isBetween(base.toMillis() * 8 / 10, base.toMillis() * 12 / 10);
      }
    }
    assertThat(s.next(10, random)).isEmpty();
    assertThat(s.next(0, random)).isEmpty();
  }

  @Test
  void parsesOperatorSchedules() {
    assertThat(RetrySchedule.parse("200ms, 1.5s,2m ,1h").delays())
        .isEqualTo(
            List.of(
                Duration.ofMillis(200),
                Duration.ofMillis(1500),
                Duration.ofMinutes(2),
                Duration.ofHours(1)));
    assertThatThrownBy(() -> RetrySchedule.parse("5")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> RetrySchedule.parse("xs")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> RetrySchedule.parse(" , ")).isInstanceOf(ValidationException.class);
  }

  @Test
  void verdictsFollowTheAnswer() {
    assertThat(AttemptVerdict.of(java.util.OptionalInt.of(204)))
        .isEqualTo(AttemptVerdict.DELIVERED);
    assertThat(AttemptVerdict.of(java.util.OptionalInt.of(410))).isEqualTo(AttemptVerdict.GONE);
    assertThat(AttemptVerdict.of(java.util.OptionalInt.of(301))).isEqualTo(AttemptVerdict.RETRY);
    assertThat(AttemptVerdict.of(java.util.OptionalInt.of(500))).isEqualTo(AttemptVerdict.RETRY);
    assertThat(AttemptVerdict.of(java.util.OptionalInt.empty())).isEqualTo(AttemptVerdict.RETRY);
  }
}
