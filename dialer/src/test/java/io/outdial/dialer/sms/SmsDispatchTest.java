package io.outdial.dialer.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.calling.CallingHours;
import io.outdial.core.calling.CallingRules;
import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import io.outdial.dialer.messaging.MessagingProvider;
import io.outdial.dialer.messaging.OutboundSms;
import io.outdial.dialer.messaging.SendResult;
import io.outdial.persistence.sms.ClaimedSms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmsDispatchTest {
  // 12:00 in New York
  private static final Instant NOON = Instant.parse("2026-03-02T17:00:00Z");
  private static final PhoneNumber NY = PhoneNumber.ofE164("+12125550101");
  private static final PhoneNumber FROM = PhoneNumber.ofE164("+12125550100");

  private final RecordingSmsMessages store = new RecordingSmsMessages();
  private final List<OutboundSms> handed = new ArrayList<>();
  private SendResult answer = new SendResult.Accepted("m-1");

  private final MessagingProvider provider =
      new MessagingProvider() {
        @Override
        public String name() {
          return "test";
        }

        @Override
        public SendResult send(OutboundSms message) {
          handed.add(message);
          return answer;
        }

        @Override
        public void close() {}
      };

  private SmsDispatch dispatch(Optional<CallingHours> serverHours) {
    return new SmsDispatch(
        store,
        provider,
        Clock.fixed(NOON, ZoneOffset.UTC),
        serverHours,
        new RecipientTimeZones(ZoneId.of("America/New_York")),
        3,
        Duration.ofSeconds(30),
        Duration.ofMinutes(2));
  }

  private static ClaimedSms claimed(String id, int attempts, CallingRules rules, boolean dnc) {
    return new ClaimedSms(id, ClientId.of("c"), NY, FROM, "Hello", attempts, rules, dnc);
  }

  @Test
  void anAcceptedMessageIsSentWithItsTextAndSender() {
    store.add(claimed("sms_1", 1, CallingRules.SERVER, false));

    assertThat(dispatch(Optional.of(CallingHours.DEFAULT)).sendDue(10)).isEqualTo(1);

    assertThat(handed).containsExactly(new OutboundSms("sms_1", NY, FROM, "Hello"));
    assertThat(store.settled)
        .containsExactly(
            new RecordingSmsMessages.Settled(
                "sms_1", "sent", Optional.of("m-1"), Optional.empty()));
  }

  @Test
  void aNumberOnTheDoNotCallListIsRefusedAndNeverHandedOver() {
    store.add(claimed("sms_1", 1, CallingRules.SERVER, true));

    dispatch(Optional.empty()).sendDue(10);

    assertThat(handed).isEmpty();
    assertThat(store.settled)
        .extracting(RecordingSmsMessages.Settled::outcome)
        .containsExactly("refused");
  }

  @Test
  void outsideTheCampaignsHoursItWaitsForThemWithoutAnAttempt() {
    CallingRules evenings =
        new CallingRules(
            Optional.of(new CallingRules.Hours(LocalTime.of(18, 0), LocalTime.of(20, 0))),
            Optional.empty(),
            Optional.empty());
    store.add(claimed("sms_1", 1, evenings, false));

    dispatch(Optional.of(CallingHours.DEFAULT)).sendDue(10);

    assertThat(handed).isEmpty();
    assertThat(store.settled)
        .containsExactly(
            new RecordingSmsMessages.Settled(
                "sms_1",
                "retry",
                Optional.empty(),
                Optional.of(Instant.parse("2026-03-02T23:00:00Z"))));
  }

  @Test
  void aRejectedMessageFailsAndAnUnavailableCarrierIsTriedAgainThenGivenUp() {
    answer = new SendResult.Rejected("invalid destination");
    store.add(claimed("sms_1", 1, CallingRules.SERVER, false));
    dispatch(Optional.empty()).sendDue(10);

    answer = new SendResult.Unavailable("throttled");
    store.add(claimed("sms_2", 2, CallingRules.SERVER, false));
    store.add(claimed("sms_3", 3, CallingRules.SERVER, false));
    dispatch(Optional.empty()).sendDue(10);

    assertThat(store.settled)
        .containsExactly(
            new RecordingSmsMessages.Settled(
                "sms_1", "failed", Optional.of("invalid destination"), Optional.empty()),
            new RecordingSmsMessages.Settled(
                "sms_2", "retry", Optional.of("throttled"), Optional.of(NOON.plusSeconds(60))),
            new RecordingSmsMessages.Settled(
                "sms_3",
                "failed",
                Optional.of("throttled (gave up after 3 attempts)"),
                Optional.empty()));
  }
}
