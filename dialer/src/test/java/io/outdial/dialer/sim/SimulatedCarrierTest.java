package io.outdial.dialer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.core.settings.Settings;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.dialer.testing.ManualScheduler;
import io.outdial.dialer.testing.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedCarrierTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final SplittableRandom ids = new SplittableRandom(1);

  private CallRequest request() {
    return new CallRequest(
        CallId.random(ids), PhoneNumber.ofE164("+15551234567"), PhoneNumber.ofE164("+15559876543"));
  }

  private RecordingListener listener() {
    return new RecordingListener(scheduler::now);
  }

  @Test
  void outcomeMixOfTenThousandSeededCallsLiesWithinTwoPointsOfTheConfiguredShares() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(SimulatorConfig.defaults().withSeed(42), scheduler);
    Map<SimulatedOutcome, Integer> counts = new EnumMap<>(SimulatedOutcome.class);
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      counts.merge(carrier.placeCall(request(), listener()).plannedOutcome(), 1, Integer::sum);
    }
    assertThat(share(counts, SimulatedOutcome.HUMAN, n)).isCloseTo(0.35, within(0.02));
    assertThat(share(counts, SimulatedOutcome.VOICEMAIL, n)).isCloseTo(0.45, within(0.02));
    assertThat(share(counts, SimulatedOutcome.NO_ANSWER, n)).isCloseTo(0.15, within(0.02));
    assertThat(share(counts, SimulatedOutcome.BUSY, n)).isCloseTo(0.03, within(0.01));
    assertThat(share(counts, SimulatedOutcome.FAILED, n)).isCloseTo(0.02, within(0.01));
    assertThat(carrier.callsPlaced()).isEqualTo(n);
  }

  private static double share(Map<SimulatedOutcome, Integer> counts, SimulatedOutcome o, int n) {
    return counts.getOrDefault(o, 0) / (double) n;
  }

  @Test
  void sameSeedAndSameCallSequenceGiveTheSameOutcomesAndPersonas() {
    assertThat(plan(7)).isEqualTo(plan(7));
    assertThat(plan(7)).isNotEqualTo(plan(8));
  }

  private List<String> plan(long seed) {
    SimulatedCarrier carrier =
        new SimulatedCarrier(SimulatorConfig.defaults().withSeed(seed), new ManualScheduler());
    List<String> plan = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      SimulatedCall call = carrier.placeCall(request(), listener());
      plan.add(call.plannedOutcome() + "/" + call.persona());
    }
    return plan;
  }

  @Test
  void busyCallReportsBusyAfterTheSignallingDelayWithoutRinging() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(SimulatorConfig.defaults().always(SimulatedOutcome.BUSY), scheduler);
    RecordingListener events = listener();
    Instant start = scheduler.now();
    carrier.placeCall(request(), events);
    scheduler.runUntilIdle();
    assertThat(events.events()).containsExactly("busy");
    assertThat(events.times()).containsExactly(start.plusSeconds(2).toString());
  }

  @Test
  void failedCallCarriesProviderErrorAndStatus503() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(SimulatorConfig.defaults().always(SimulatedOutcome.FAILED), scheduler);
    RecordingListener events = listener();
    carrier.placeCall(request(), events);
    scheduler.runUntilIdle();
    assertThat(events.events()).containsExactly("failed:provider_error");
    assertThat(events.failure().providerStatus()).contains(503);
  }

  @Test
  void unansweredCallRingsUntilTheCarrierGivesUp() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.NO_ANSWER), scheduler);
    RecordingListener events = listener();
    Instant start = scheduler.now();
    carrier.placeCall(request(), events);
    scheduler.runUntilIdle();
    assertThat(events.events()).containsExactly("ringing", "no_answer");
    assertThat(events.times().get(1)).isEqualTo(start.plusSeconds(25).toString());
  }

  @Test
  void answeringMachineAnswersThenBeepsAfterItsGreetingAndHangsUpAfterRecording() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.VOICEMAIL), scheduler);
    RecordingListener events = listener();
    carrier.placeCall(request(), events);
    scheduler.runUntilIdle();
    assertThat(events.events())
        .containsExactly("ringing", "answered:machine", "beep", "remote_hang_up");
    Instant answered = Instant.parse(events.times().get(1));
    assertThat(Instant.parse(events.times().get(2))).isEqualTo(answered.plusSeconds(8));
  }

  @Test
  void personAnswersInWordsEachTimeTheAgentFinishesSpeakingThenHangsUp() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN).always(Persona.INTERESTED),
            scheduler);
    RecordingListener events = listener();
    SimulatedCall call = carrier.placeCall(request(), events);
    scheduler.runUntilIdle();
    // nobody spoke after the answer: the person asks whether anyone is there, once
    assertThat(events.events()).containsExactly("ringing", "answered:human", "heard:Hello?");

    call.speak("Hello, would you be interested?", Voice.TARA);
    scheduler.runUntilIdle();
    call.speak("When suits you?", Voice.TARA);
    scheduler.runUntilIdle();
    call.speak("Goodbye.", Voice.TARA);
    scheduler.runUntilIdle();

    assertThat(events.events())
        .containsExactly(
            "ringing",
            "answered:human",
            "heard:Hello?",
            "speech_finished",
            "heard:" + Persona.INTERESTED.lines().get(0),
            "speech_finished",
            "heard:" + Persona.INTERESTED.lines().get(1),
            "speech_finished",
            "remote_hang_up");
    assertThat(call.heardByCallee())
        .containsExactly("Hello, would you be interested?", "When suits you?", "Goodbye.");
  }

  @Test
  void measuresEachTurnOnTheCallsSimulatedClock() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN).always(Persona.INTERESTED),
            scheduler);
    SimulatedCall call = carrier.placeCall(request(), listener());
    scheduler.runUntilIdle(); // nobody greets: "Hello?" after twice the response delay
    call.speak("Hello, would you be interested?", Voice.TARA);
    scheduler.runUntilIdle();
    call.speak("When suits you?", Voice.TARA);
    scheduler.runUntilIdle();
    call.speak("Goodbye.", Voice.TARA);
    scheduler.runUntilIdle();

    MediaQuality quality = call.quality();
    // three turns of the callee ("Hello?" and two lines), each answered after the end-of-turn
    // silence (500 ms) and the reply delay (700 ms, drawn between 350 and 1050 ms)
    assertThat(quality.endpointing()).hasSize(3).containsOnly(Duration.ofMillis(500));
    assertThat(quality.voiceToVoice())
        .hasSize(3)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(850), Duration.ofMillis(1550)));
    // the person waited through the agent's first reply after their "Hello?"
    assertThat(quality.deadAir()).contains(quality.voiceToVoice().get(0));
    // "Hello?" starts 2 s after the answer and is spoken in 400 ms
    assertThat(quality.firstAudio())
        .contains(Duration.ofMillis(2400).plus(quality.voiceToVoice().get(0)));
    assertThat(quality.machineDetection()).contains(Duration.ZERO);
    assertThat(new java.util.HashSet<>(quality.voiceToVoice())).hasSizeGreaterThan(1);
  }

  @Test
  void aGreetingFromTheCacheIsHeardAtTheAnswerWithoutDeadAir() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN).always(Persona.INTERESTED),
            scheduler);
    RecordingListener events = listener();
    SimulatedCall call = carrier.placeCall(request(), events);
    while (!events.events().contains("answered:human")) {
      scheduler.advance(Duration.ofMillis(100));
    }
    call.speakReusable("Hello, this is Outdial.", Voice.TARA);
    scheduler.runUntilIdle();

    assertThat(call.quality().firstAudio()).contains(Duration.ZERO);
    assertThat(call.quality().deadAir()).contains(Duration.ZERO);
    assertThat(call.quality().voiceToVoice()).isEmpty(); // the callee's line was not answered
    assertThat(call.quality().endpointing()).hasSize(1);
  }

  @Test
  void aMachinesGreetingEndsWithItsBeepAndTheVoicemailFollowsWithoutDeadAir() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.VOICEMAIL), scheduler);
    RecordingListener events = listener();
    SimulatedCall call = carrier.placeCall(request(), events);
    while (!events.events().contains("beep")) {
      scheduler.advance(Duration.ofMillis(100));
    }
    call.speakReusable("Please call us back.", Voice.TARA);
    call.hangUp();

    assertThat(call.quality().firstAudio()).contains(Duration.ofSeconds(8));
    assertThat(call.quality().deadAir()).contains(Duration.ZERO);
  }

  @Test
  void aLineStillOnItsWayWhenTheCallEndsWasNeverHeard() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN).always(Persona.INTERESTED),
            scheduler);
    RecordingListener events = listener();
    SimulatedCall call = carrier.placeCall(request(), events);
    while (!events.events().contains("answered:human")) {
      scheduler.advance(Duration.ofMillis(100));
    }
    call.speak("Hello, would you be interested?", Voice.TARA); // heard after the reply delay
    call.hangUp();

    assertThat(call.quality().firstAudio()).isEmpty();
    // the silence lasted until the end, which came at once: not an abandoned call
    assertThat(call.quality().deadAir()).hasValueSatisfying(d -> assertThat(d).isLessThan(TWO_S));
  }

  private static final Duration TWO_S = Duration.ofSeconds(2);

  @Test
  void aSlowTestNumbersAgentLeavesThePersonInDeadAirEvenForACachedGreeting() {
    SimulatedCarrier carrier = new SimulatedCarrier(SimulatorConfig.defaults(), scheduler);
    RecordingListener events = listener();
    SimulatedCall call =
        carrier.placeCall(
            new CallRequest(
                CallId.random(ids),
                PhoneNumber.ofE164("+15551234567"),
                PhoneNumber.ofE164("+12125550215")),
            events);
    while (!events.events().contains("answered:human")) {
      scheduler.advance(Duration.ofMillis(100));
    }
    call.speakReusable("Hello, this is Outdial.", Voice.TARA);
    scheduler.runUntilIdle();

    assertThat(call.persona()).isEqualTo(Persona.INTERESTED);
    assertThat(call.quality().firstAudio()).contains(Duration.ofSeconds(4));
    assertThat(call.quality().deadAir()).contains(Duration.ofSeconds(4));
  }

  @Test
  void aCallNobodyAnsweredMeasuresNothing() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.NO_ANSWER), scheduler);
    SimulatedCall call = carrier.placeCall(request(), listener());
    scheduler.runUntilIdle();
    assertThat(call.quality()).isEqualTo(MediaQuality.NONE);
  }

  @Test
  void aPersonGreetedAtOnceDoesNotAskWhetherAnyoneIsThere() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN).always(Persona.INTERESTED),
            scheduler);
    RecordingListener events = listener();
    SimulatedCall call = carrier.placeCall(request(), events);
    while (!events.events().contains("answered:human")) {
      scheduler.advance(Duration.ofMillis(100));
    }
    call.speak("Hello, would you be interested?", Voice.TARA);
    scheduler.runUntilIdle();

    assertThat(events.events())
        .doesNotContain("heard:Hello?")
        .contains("heard:" + Persona.INTERESTED.lines().get(0));
  }

  @Test
  void hangingUpStopsEveryFurtherEvent() {
    SimulatedCarrier carrier =
        new SimulatedCarrier(
            SimulatorConfig.defaults().always(SimulatedOutcome.VOICEMAIL), scheduler);
    RecordingListener events = listener();
    SimulatedCall call = carrier.placeCall(request(), events);
    scheduler.advance(Duration.ofMillis(600));
    assertThat(events.events()).containsExactly("ringing");

    call.hangUp();
    call.speak("anyone?", Voice.TARA);
    scheduler.runUntilIdle();

    assertThat(events.events()).containsExactly("ringing");
    assertThat(call.ended()).isTrue();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void timeScaleShrinksEveryDelayAndZeroRemovesThem() {
    SimulatorConfig base =
        SimulatorConfig.defaults().always(SimulatedOutcome.NO_ANSWER).withTimeScale(0.01);
    RecordingListener scaled = listener();
    Instant start = scheduler.now();
    new SimulatedCarrier(base, scheduler).placeCall(request(), scaled);
    scheduler.runUntilIdle();
    assertThat(scaled.times().get(1)).isEqualTo(start.plusMillis(250).toString());

    ManualScheduler instant = new ManualScheduler(start);
    RecordingListener immediate = new RecordingListener(instant::now);
    new SimulatedCarrier(base.withTimeScale(0), instant).placeCall(request(), immediate);
    instant.runUntilIdle();
    assertThat(immediate.events()).containsExactly("ringing", "no_answer");
    assertThat(immediate.times()).containsOnly(start.toString());
  }

  @Test
  void switchedOffCarrierRefusesCallsUntilSwitchedOnAgain() {
    SimulatedCarrier carrier = new SimulatedCarrier(SimulatorConfig.defaults(), scheduler);
    carrier.setAvailable(false);
    assertThatThrownBy(() -> carrier.placeCall(request(), listener()))
        .isInstanceOf(ProviderUnavailableException.class);
    assertThat(scheduler.pending()).isZero();

    carrier.setAvailable(true);
    carrier.placeCall(request(), listener());
    assertThat(carrier.callsPlaced()).isEqualTo(1);
  }

  @Test
  void settingsOverrideDefaultsAndMalformedValuesNameTheirKey() {
    Map<String, String> settings =
        Map.of(
            "time-scale", "0.5",
            "seed", "9",
            "mix.busy", "1",
            "ring-seconds", "3",
            "no-answer-seconds", "1.5",
            "signalling-seconds", "250ms",
            "max-recording-seconds", "PT2M",
            "reply-delay-seconds", "3s",
            "endpointing-seconds", "0");
    // ten pairs at most in Map.of: the slow agent's key is read like the others'
    assertThat(SimulatorConfig.KEYS).contains("slow-agent-seconds");
    SimulatorConfig config = SimulatorConfig.fromSettings(Settings.of(settings, ""));
    assertThat(config.timeScale()).isEqualTo(0.5);
    assertThat(config.seed()).isEqualTo(9);
    assertThat(config.ringTime()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.noAnswerAfter()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.signallingDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.maxRecording()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.replyDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.endpointing()).isZero();
    assertThat(config.outcomes().share(SimulatedOutcome.BUSY))
        .isGreaterThan(SimulatorConfig.DEFAULT_OUTCOMES.share(SimulatedOutcome.BUSY));

    assertThatThrownBy(
            () -> SimulatorConfig.fromSettings(Settings.of(Map.of("time-scale", "fast"), "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time-scale");
    assertThatThrownBy(() -> SimulatorConfig.defaults().withTimeScale(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
