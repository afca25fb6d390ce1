package io.outdial.dialer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.dialer.messaging.sim.SimulatedMessaging;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedMessagingTest {
  private static final PhoneNumber FROM = PhoneNumber.ofE164("+12125550100");

  private static MessagingProvider simulator(Map<String, String> settings) {
    return MessagingProviders.factory("SIMULATOR")
        .create(new MessagingContext(Clock.systemUTC(), settings));
  }

  @Test
  void theSimulatorIsTheDefaultAndAcceptsAndKeepsMessages() {
    assertThat(MessagingProviders.available()).contains(MessagingProviders.DEFAULT);
    MessagingProvider sim = simulator(Map.of());
    OutboundSms sms = new OutboundSms("sms_1", PhoneNumber.ofE164("+12125550101"), FROM, "Hi");

    SendResult result = sim.send(sms);

    assertThat(result).isEqualTo(new SendResult.Accepted("sim-1"));
    assertThat(((SimulatedMessaging) sim).sent()).containsExactly(sms);
  }

  @Test
  void theSimulatorRefusesOrIsUnavailableForTheNumbersItIsTold() {
    MessagingProvider sim =
        simulator(
            Map.of("fail-to", "+12125550101, +12125550102", "unavailable-to", "+12125550103"));

    assertThat(sim.send(new OutboundSms("a", PhoneNumber.ofE164("+12125550102"), FROM, "Hi")))
        .isInstanceOf(SendResult.Rejected.class);
    assertThat(sim.send(new OutboundSms("b", PhoneNumber.ofE164("+12125550103"), FROM, "Hi")))
        .isInstanceOf(SendResult.Unavailable.class);
    assertThat(((SimulatedMessaging) sim).sent()).isEmpty();
  }

  @Test
  void aBadSettingOrAnUnknownProviderIsNamed() {
    assertThatThrownBy(() -> simulator(Map.of("fail-to", "12")))
        .hasMessageStartingWith("outdial.messaging.simulator.fail-to");
    assertThatThrownBy(() -> MessagingProviders.factory("pigeon"))
        .hasMessageContaining("no messaging provider named 'pigeon'");
  }
}
