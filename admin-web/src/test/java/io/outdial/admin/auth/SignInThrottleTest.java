package io.outdial.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  private static final String ADDRESS = "192.0.2.7";

  private final TestClock clock = new TestClock();
  private final SignInThrottle throttle = new SignInThrottle(clock);

  @Test
  void theFirstWrongKeysCostNothingButTheAnswer() {
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      throttle.failed(ADDRESS);
      assertThat(throttle.waitBefore(ADDRESS)).isZero();
    }
  }

  @Test
  void furtherWrongKeysLockTheAddressForADoublingTime() {
    failFreely();
    throttle.failed(ADDRESS);
    assertThat(throttle.waitBefore(ADDRESS)).isEqualTo(Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.waitBefore(ADDRESS)).isZero();
    throttle.failed(ADDRESS);
    assertThat(throttle.waitBefore(ADDRESS)).isEqualTo(Duration.ofSeconds(2));

    clock.advance(Duration.ofMillis(1500));
    assertThat(throttle.waitBefore(ADDRESS)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void theLockNeverExceedsFiveMinutes() {
    assertThat(SignInThrottle.lockFor(SignInThrottle.FREE_FAILURES + 1))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(SignInThrottle.lockFor(SignInThrottle.FREE_FAILURES + 4))
        .isEqualTo(Duration.ofSeconds(8));
    assertThat(SignInThrottle.lockFor(1_000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void otherAddressesAreNotLockedOut() {
    failFreely();
    throttle.failed(ADDRESS);
    assertThat(throttle.waitBefore("198.51.100.1")).isZero();
  }

  @Test
  void theRightKeyForgivesPastMistakes() {
    failFreely();
    throttle.succeeded(ADDRESS);
    throttle.failed(ADDRESS);
    assertThat(throttle.waitBefore(ADDRESS)).isZero();
  }

  @Test
  void mistakesAreForgottenAfterAQuietQuarterHour() {
    failFreely();
    clock.advance(Duration.ofMinutes(15));
    throttle.failed(ADDRESS);
    assertThat(throttle.waitBefore(ADDRESS)).as("counted as a first mistake again").isZero();
  }

  private void failFreely() {
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      throttle.failed(ADDRESS);
    }
  }

  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
