package io.outdial.messaging.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.calling.CallingRules;
import io.outdial.core.calling.RecipientTimeZones;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import io.outdial.dialer.messaging.MessagingContext;
import io.outdial.dialer.messaging.MessagingProvider;
import io.outdial.dialer.messaging.MessagingProviders;
import io.outdial.dialer.messaging.OutboundSms;
import io.outdial.dialer.messaging.SendResult;
import io.outdial.dialer.sms.SmsDispatch;
import io.outdial.persistence.sms.ClaimedSms;
import io.outdial.persistence.sms.Enqueued;
import io.outdial.persistence.sms.NewSms;
import io.outdial.persistence.sms.SmsMessages;
import io.outdial.persistence.sms.SmsRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code smpp} provider against a real SMPP server started by the test ({@link SmscPeer}). */
class SmppMessagingTest {
  private static final PhoneNumber TO = PhoneNumber.ofE164("+447700900123");
  private static final PhoneNumber FROM = PhoneNumber.ofE164("+12125550100");

  private SmscPeer smsc;
  private MessagingProvider provider;

  @BeforeEach
  void start() throws Exception {
    smsc = new SmscPeer();
    provider = provider(SmscPeer.PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    provider.close();
    smsc.close();
  }

  private MessagingProvider provider(String password) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("host", "127.0.0.1");
    settings.put("port", String.valueOf(smsc.port()));
    settings.put("system-id", SmscPeer.SYSTEM_ID);
    settings.put("password", password);
    settings.put("bind-timeout", "5s");
    settings.put("submit-timeout", "5s");
    return MessagingProviders.factory("smpp")
        .create(new MessagingContext(Clock.systemUTC(), settings));
  }

  private static String text(SubmitSm sm) {
    byte[] bytes = sm.getShortMessage();
    if (bytes.length == 0) {
      OptionalParameter.OctetString payload =
          (OptionalParameter.OctetString)
              sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
      bytes = payload.getValue();
    }
    return new String(
        bytes,
        (sm.getDataCoding() & 0x0f) == 0x08
            ? StandardCharsets.UTF_16BE
            : StandardCharsets.US_ASCII);
  }

  @Test
  void aMessageReachesTheSmscWithItsTextSenderAndRecipient() {
    SendResult result = provider.send(new OutboundSms("sms_1", TO, FROM, "Hi Ada, call us back."));

    assertThat(result).isEqualTo(new SendResult.Accepted("smsc-1"));
    assertThat(smsc.received).hasSize(1);
    SubmitSm sm = smsc.received.get(0);
    assertThat(text(sm)).isEqualTo("Hi Ada, call us back.");
    assertThat(sm.getSourceAddr()).isEqualTo("12125550100");
    assertThat(sm.getSourceAddrTon()).isEqualTo(TypeOfNumber.INTERNATIONAL.value());
    assertThat(sm.getDestAddress()).isEqualTo("447700900123");
  }

  @Test
  void longAndNonAsciiTextsArriveWhole() {
    String longText = "x".repeat(1600);
    String accented = "Grüße, Zoë — à bientôt";

    provider.send(new OutboundSms("sms_1", TO, FROM, longText));
    provider.send(new OutboundSms("sms_2", TO, FROM, accented));

    assertThat(smsc.received)
        .extracting(SmppMessagingTest::text)
        .containsExactly(longText, accented);
    // one session for both
    assertThat(smsc.binds).hasValue(1);
  }

  @Test
  void anSmscErrorIsARejectionAndThrottlingIsUnavailable() {
    smsc.refuseWith = 0x0b; // ESME_RINVDSTADR
    assertThat(provider.send(new OutboundSms("sms_1", TO, FROM, "Hi")))
        .isEqualTo(
            new SendResult.Rejected("the SMSC refused the message: command_status 0x0000000b"));
    smsc.refuseWith = 0x58; // ESME_RTHROTTLED
    assertThat(provider.send(new OutboundSms("sms_2", TO, FROM, "Hi")))
        .isInstanceOf(SendResult.Unavailable.class);
  }

  @Test
  void aLostSessionIsBoundAgain() {
    provider.send(new OutboundSms("sms_1", TO, FROM, "one"));
    smsc.dropSessions();

    // the first message after the loss may find the dead session; the next one binds again
    SendResult second = provider.send(new OutboundSms("sms_2", TO, FROM, "two"));
    SendResult third =
        second instanceof SendResult.Accepted
            ? second
            : provider.send(new OutboundSms("sms_3", TO, FROM, "two"));

    assertThat(third).isInstanceOf(SendResult.Accepted.class);
    assertThat(smsc.binds).hasValue(2);
  }

  @Test
  void aWrongPasswordIsUnavailableAndNeverShown() {
    MessagingProvider wrong = provider("wrong");
    try {
      SendResult result = wrong.send(new OutboundSms("sms_1", TO, FROM, "Hi"));
      assertThat(result).isInstanceOf(SendResult.Unavailable.class);
      assertThat(((SendResult.Unavailable) result).error()).doesNotContain("wrong");
      assertThat(smsc.received).isEmpty();
    } finally {
      wrong.close();
    }
  }

  @Test
  void settingsNameWhatIsMissingAndNeverShowThePassword() {
    assertThatThrownBy(() -> SmppSettings.from(Map.of("host", "h")))
        .hasMessage("outdial.messaging.smpp.system-id is required");
    assertThatThrownBy(
            () -> SmppSettings.from(Map.of("host", "h", "system-id", "x", "password", "toolong99")))
        .hasMessageStartingWith("outdial.messaging.smpp.password")
        .hasMessageNotContaining("toolong99");
    assertThatThrownBy(
            () -> SmppSettings.from(Map.of("host", "h", "system-id", "x", "source-ton", "planet")))
        .hasMessageStartingWith("outdial.messaging.smpp.source-ton must be one of unknown,");
    SmppSettings s =
        SmppSettings.from(Map.of("host", "h", "system-id", "x", "password", "pw12345"));
    assertThat(s.toString()).doesNotContain("pw12345");
    assertThat(s.port()).isEqualTo(2775);
    assertThat(s.enquireLink()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theSenderDeliversThroughSmppAndRefusesADoNotCallNumberWithoutSubmitting() {
    PhoneNumber listed = PhoneNumber.ofE164("+447700900999");
    Queue store = new Queue();
    store.add(
        new ClaimedSms(
            "sms_a", ClientId.of("c"), TO, FROM, "Hello Ada", 1, CallingRules.SERVER, false));
    store.add(
        new ClaimedSms(
            "sms_b", ClientId.of("c"), listed, FROM, "Hello Bob", 1, CallingRules.SERVER, true));
    SmsDispatch dispatch =
        new SmsDispatch(
            store,
            provider,
            Clock.systemUTC(),
            Optional.empty(),
            new RecipientTimeZones(ZoneId.of("UTC")),
            3,
            Duration.ofSeconds(30),
            Duration.ofMinutes(2));

    assertThat(dispatch.sendDue(10)).isEqualTo(2);

    assertThat(smsc.received).extracting(SmppMessagingTest::text).containsExactly("Hello Ada");
    assertThat(smsc.received).extracting(SubmitSm::getDestAddress).containsExactly("447700900123");
    assertThat(store.outcomes)
        .containsExactly(Map.entry("sms_a", "sent smsc-1"), Map.entry("sms_b", "refused"));
  }

  /** Hands out given claims and records outcomes. */
  private static final class Queue implements SmsMessages {
    private final Deque<ClaimedSms> due = new ArrayDeque<>();
    final List<Map.Entry<String, String>> outcomes = new java.util.ArrayList<>();

    void add(ClaimedSms sms) {
      due.add(sms);
    }

    @Override
    public Enqueued enqueue(NewSms message, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<SmsRecord> find(ClientId client, String id) {
      return Optional.empty();
    }

    @Override
    public io.outdial.persistence.campaign.Page<SmsRecord> list(
        ClientId client, Optional<String> campaign, int limit, long offset) {
      return new io.outdial.persistence.campaign.Page<>(List.of(), 0);
    }

    @Override
    public List<ClaimedSms> claim(int max, Instant now, Duration lease) {
      List<ClaimedSms> out = new java.util.ArrayList<>(due);
      due.clear();
      return out;
    }

    @Override
    public boolean sent(String id, String providerMessageId, Instant now) {
      return outcomes.add(Map.entry(id, "sent " + providerMessageId));
    }

    @Override
    public boolean failed(String id, String error, Instant now) {
      return outcomes.add(Map.entry(id, "failed " + error));
    }

    @Override
    public boolean refused(String id, String reason, Instant now) {
      return outcomes.add(Map.entry(id, "refused"));
    }

    @Override
    public boolean retry(String id, Optional<String> error, Instant at, Instant now) {
      return outcomes.add(Map.entry(id, "retry"));
    }
  }
}
