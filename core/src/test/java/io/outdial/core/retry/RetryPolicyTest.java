package io.outdial.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.calling.CallingHours;
import io.outdial.core.calling.CallingWindow;
import io.outdial.core.contact.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  /** Open all day in UTC, so only the backoff decides. */
  private static final CallingWindow ALWAYS =
      CallingWindow.of(CallingHours.daily(LocalTime.MIN, LocalTime.MAX), ZoneOffset.UTC);

  private static final Instant NOON = Instant.parse("2025-06-10T12:00:00Z");

  /** A random source that always answers {@code value} from nextDouble. */
  private static RandomGenerator fixedRandom(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  private final RandomGenerator middle = fixedRandom(0.5);

  @Test
  void defaultsRetryNoAnswerBusyAndTimeoutUpToThreeAttempts() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.retryable())
        .containsExactlyInAnyOrder(Disposition.NO_ANSWER, Disposition.BUSY, Disposition.TIMEOUT);
    assertThat(p.next(1, Disposition.BUSY, NOON, ALWAYS, middle).willRetry()).isTrue();
    assertThat(p.next(2, Disposition.NO_ANSWER, NOON, ALWAYS, middle))
        .isInstanceOf(RetryDecision.RetryAt.class)
        .extracting(d -> ((RetryDecision.RetryAt) d).attempt())
        .isEqualTo(3);
    assertThat(p.next(3, Disposition.NO_ANSWER, NOON, ALWAYS, middle))
        .isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.ATTEMPTS_EXHAUSTED));
  }

  @Test
  void aConversationIsNeverRetried() {
    assertThat(RetryPolicy.DEFAULT.next(1, Disposition.HUMAN_INTERESTED, NOON, ALWAYS, middle))
        .isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.NOT_RETRYABLE));
    assertThat(RetryPolicy.DEFAULT.next(1, Disposition.VOICEMAIL, NOON, ALWAYS, middle).willRetry())
        .isFalse();
  }

  @Test
  void exponentialBackoffDoublesUpToItsCap() {
    Backoff b = new Backoff.Exponential(Duration.ofMinutes(5), 2.0, Duration.ofMinutes(30), 0.0);
    assertThat(b.delayBefore(1, middle)).isEqualTo(Duration.ofMinutes(5));
    assertThat(b.delayBefore(2, middle)).isEqualTo(Duration.ofMinutes(10));
    assertThat(b.delayBefore(3, middle)).isEqualTo(Duration.ofMinutes(20));
    assertThat(b.delayBefore(4, middle)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void jitterSpreadsTheDelayBothWaysWithinItsFraction() {
    Backoff b = new Backoff.Exponential(Duration.ofMinutes(10), 2.0, Duration.ofHours(1), 0.2);
    assertThat(b.delayBefore(1, fixedRandom(0.0))).isEqualTo(Duration.ofMinutes(8));
    assertThat(b.delayBefore(1, fixedRandom(0.5))).isEqualTo(Duration.ofMinutes(10));
    assertThat(b.delayBefore(1, fixedRandom(0.999999)))
        .isBetween(Duration.ofSeconds(719), Duration.ofMinutes(12));
    Random seeded = new Random(7);
    for (int i = 0; i < 1_000; i++) {
      assertThat(b.delayBefore(1, seeded)).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(12));
    }
  }

  @Test
  void theMinimumDelayWinsOverAShorterBackoff() {
    RetryPolicy p = RetryPolicy.DEFAULT.withBackoff(new Backoff.Fixed(Duration.ofSeconds(5)));
    RetryDecision d = p.next(1, Disposition.BUSY, NOON, ALWAYS, middle);
    assertThat(d).isEqualTo(new RetryDecision.RetryAt(NOON.plus(Duration.ofMinutes(1)), 2));
  }

  @Test
  void aRetryThatWouldFallAfterHoursMovesToTheNextOpening() {
    CallingWindow newYork =
        CallingWindow.of(CallingHours.DEFAULT, java.time.ZoneId.of("America/New_York"));
    RetryPolicy p = RetryPolicy.DEFAULT.withBackoff(new Backoff.Fixed(Duration.ofHours(1)));
    // Ends 20:30 EDT (00:30Z); +1 h is after 21:00, so the retry waits for 08:00 EDT.
    RetryDecision d =
        p.next(1, Disposition.NO_ANSWER, Instant.parse("2025-06-11T00:30:00Z"), newYork, middle);
    assertThat(d).isEqualTo(new RetryDecision.RetryAt(Instant.parse("2025-06-11T12:00:00Z"), 2));
  }

  @Test
  void aRecipientWithNoCommonCallingTimeIsNotRetried() {
    CallingWindow never =
        CallingWindow.of(
            CallingHours.daily(LocalTime.of(9, 0), LocalTime.of(10, 0)),
            java.time.ZoneId.of("Pacific/Honolulu"),
            java.time.ZoneId.of("Asia/Tokyo"));
    assertThat(RetryPolicy.DEFAULT.next(1, Disposition.BUSY, NOON, never, middle))
        .isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.NO_CALLING_WINDOW));
  }

  @Test
  void customRetryableOutcomesAndAttemptsAreHonoured() {
    RetryPolicy p =
        RetryPolicy.DEFAULT.withRetryable(EnumSet.of(Disposition.VOICEMAIL)).withMaxAttempts(1);
    assertThat(p.next(1, Disposition.VOICEMAIL, NOON, ALWAYS, middle))
        .isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.ATTEMPTS_EXHAUSTED));
    assertThat(
            p.withMaxAttempts(2).next(1, Disposition.VOICEMAIL, NOON, ALWAYS, middle).willRetry())
        .isTrue();
    assertThat(p.withMaxAttempts(2).next(1, Disposition.BUSY, NOON, ALWAYS, middle).willRetry())
        .isFalse();
    assertThat(RetryPolicy.DEFAULT.withRetryable(Set.of()).retryable()).isEmpty();
  }

  @Test
  void invalidSettingsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxAttempts(0))
        .isInstanceOf(ValidationException.class)
        .hasMessage("max_attempts must be between 1 and 20");
    assertThatThrownBy(
            () -> new Backoff.Exponential(Duration.ofMinutes(1), 0.5, Duration.ofMinutes(2), 0))
        .hasMessage("backoff_multiplier must be between 1 and 100");
    assertThatThrownBy(
            () -> new Backoff.Exponential(Duration.ofMinutes(1), 2, Duration.ofMinutes(2), 1.5))
        .hasMessage("jitter must be between 0 and 1");
  }
}
