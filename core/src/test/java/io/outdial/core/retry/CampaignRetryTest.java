package io.outdial.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.calling.CallingHours;
import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.dialing.DialRules;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CampaignRetryTest {
  private static final RetryPolicy SERVER = RetryPolicy.DEFAULT;
  private static final Instant END = Instant.parse("2030-01-15T15:00:00Z"); // 10:00 in New York

  private static CampaignRetry retry(
      Integer attempts, Set<Disposition> statuses, Integer delay, CampaignRetry.Kind kind) {
    return new CampaignRetry(
        Optional.ofNullable(attempts),
        Optional.ofNullable(statuses),
        Optional.ofNullable(delay).map(Duration::ofSeconds),
        Optional.ofNullable(kind));
  }

  @Test
  void withoutOwnFieldsTheServersPolicyHolds() {
    assertThat(CampaignRetry.SERVER.over(SERVER)).isSameAs(SERVER);
  }

  @Test
  void ownFieldsReplaceTheServersAndTheRestIsKept() {
    RetryPolicy p = retry(5, null, null, null).over(SERVER);
    assertThat(p.maxAttempts()).isEqualTo(5);
    assertThat(p.retryable()).isEqualTo(SERVER.retryable());
    assertThat(CampaignRetry.firstDelay(p.backoff())).isEqualTo(Duration.ofMinutes(5));
    assertThat(CampaignRetry.kindOf(p.backoff())).isEqualTo(CampaignRetry.Kind.EXPONENTIAL);
  }

  @Test
  void aFixedBackoffWaitsTheDelayBeforeEveryRetryEvenBelowTheServersMinimum() {
    RetryPolicy p =
        retry(3, Set.of(Disposition.VOICEMAIL), 2, CampaignRetry.Kind.FIXED).over(SERVER);
    assertThat(p.backoff()).isEqualTo(new Backoff.Fixed(Duration.ofSeconds(2)));
    assertThat(p.minDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.retryable()).containsExactly(Disposition.VOICEMAIL);
  }

  @Test
  void anEmptyListOfStatusesRetriesNothing() {
    RetryPolicy p = retry(4, Set.of(), null, null).over(SERVER);
    assertThat(
            p.next(
                1,
                Disposition.NO_ANSWER,
                END,
                io.outdial.core.calling.CallingWindow.of(
                    new CallingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX),
                    ZoneId.of("UTC")),
                new SplittableRandom(1)))
        .isEqualTo(new RetryDecision.GiveUp(RetryDecision.Reason.NOT_RETRYABLE));
  }

  @Test
  void invalidFieldsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> retry(0, null, null, null))
        .isInstanceOf(ValidationException.class)
        .hasFieldOrPropertyWithValue("field", "retry_policy.max_attempts");
    assertThatThrownBy(() -> retry(11, null, null, null))
        .hasFieldOrPropertyWithValue("field", "retry_policy.max_attempts");
    assertThatThrownBy(() -> retry(null, Set.of(Disposition.HUMAN_INTERESTED), null, null))
        .hasFieldOrPropertyWithValue("field", "retry_policy.retryable_statuses");
    assertThatThrownBy(() -> retry(null, null, -1, null))
        .hasFieldOrPropertyWithValue("field", "retry_policy.delay_seconds");
    assertThatThrownBy(() -> retry(null, null, 86_401, null))
        .hasFieldOrPropertyWithValue("field", "retry_policy.delay_seconds");
    assertThatThrownBy(() -> CampaignRetry.Kind.fromWire("linear"))
        .hasFieldOrPropertyWithValue("field", "retry_policy.backoff");
    assertThatThrownBy(() -> CampaignRetry.retryableStatus("human_interested"))
        .hasFieldOrPropertyWithValue("field", "retry_policy.retryable_statuses")
        .hasMessageContaining("no_answer, busy, timeout, failed, voicemail");
    assertThat(CampaignRetry.retryableStatus("voicemail")).isEqualTo(Disposition.VOICEMAIL);
  }

  @Test
  void aCampaignsRetriesStillLandInsideCallingHours() {
    // 09:00-17:00 in the recipient's zone; the call ends at 16:59:59 New York time
    CallingHours hours =
        new CallingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(17, 0));
    DialRules server =
        new DialRules(
            Optional.of(hours),
            new RecipientTimeZones(ZoneId.of("America/New_York")),
            SERVER,
            () -> new SplittableRandom(7));
    DialRules own = server.forCampaign(retry(2, null, 10, CampaignRetry.Kind.FIXED));
    PhoneNumber phone = PhoneNumber.ofE164("+12125550123");
    Instant lateEnd = Instant.parse("2030-01-15T21:59:59Z");

    Optional<Instant> at = own.retryAt(phone, 1, Disposition.NO_ANSWER, lateEnd);

    assertThat(at).contains(Instant.parse("2030-01-16T14:00:00Z")); // 09:00 the next morning
    assertThat(own.retryAt(phone, 1, Disposition.NO_ANSWER, END)).contains(END.plusSeconds(10));
    assertThat(own.retryAt(phone, 2, Disposition.NO_ANSWER, END)).isEmpty();
    assertThat(server.forCampaign(CampaignRetry.SERVER)).isSameAs(server);
  }
}
