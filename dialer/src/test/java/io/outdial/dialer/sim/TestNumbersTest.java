package io.outdial.dialer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.testing.ManualScheduler;
import io.outdial.dialer.testing.RecordingListener;
import org.junit.jupiter.api.Test;

class TestNumbersTest {
  @Test
  void theTensDigitOf555_01XXChoosesTheFate() {
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+12125550150")))
        .contains(new TestNumbers.Fate(SimulatedOutcome.HUMAN, Persona.STOP_CALLING));
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+13105550163")))
        .map(TestNumbers.Fate::outcome)
        .contains(SimulatedOutcome.VOICEMAIL);
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+12125550199")))
        .map(TestNumbers.Fate::outcome)
        .contains(SimulatedOutcome.FAILED);
  }

  @Test
  void otherNumbersAreDrawnFromTheMix() {
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+12125550105"))).isEmpty();
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+12125550350"))).isEmpty();
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+442079460150"))).isEmpty();
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+15559876543"))).isEmpty();
  }

  @Test
  void aTestNumberKeepsItsFateWhateverTheSeed() {
    ManualScheduler scheduler = new ManualScheduler();
    for (long seed = 0; seed < 20; seed++) {
      SimulatedCarrier carrier =
          new SimulatedCarrier(SimulatorConfig.defaults().withSeed(seed), scheduler);
      SimulatedCall call =
          carrier.placeCall(
              new CallRequest(
                  CallId.random(),
                  PhoneNumber.ofE164("+12125551234"),
                  PhoneNumber.ofE164("+12125550185")),
              new RecordingListener(scheduler::now));
      assertThat(call.plannedOutcome()).isEqualTo(SimulatedOutcome.BUSY);
    }
  }

  @Test
  void theSameFatesIn555_02XXComeWithASlowAgent() {
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+12125550215")))
        .contains(new TestNumbers.Fate(SimulatedOutcome.HUMAN, Persona.INTERESTED, true));
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+12125550115")))
        .contains(new TestNumbers.Fate(SimulatedOutcome.HUMAN, Persona.INTERESTED, false));
    assertThat(TestNumbers.fateOf(PhoneNumber.ofE164("+12125550305"))).isEmpty();
  }
}
