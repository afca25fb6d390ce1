package io.outdial.dialer.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.dialer.agent.AgentException;
import io.outdial.dialer.agent.AgentReply;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.Conversation;
import io.outdial.dialer.agent.Intent;
import io.outdial.dialer.agent.Role;
import io.outdial.dialer.agent.ScriptedAgent;
import io.outdial.dialer.agent.Turn;
import io.outdial.dialer.agent.VoiceAgent;
import io.outdial.dialer.sim.Persona;
import io.outdial.dialer.sim.SimulatedCarrier;
import io.outdial.dialer.sim.SimulatedOutcome;
import io.outdial.dialer.sim.SimulatorConfig;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.dialer.testing.FakeProvider;
import io.outdial.dialer.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallSessionTest {
  private static final String VOICEMAIL = "Hi, this is Acme Staffing. Please call us back.";
  private static final CampaignScript SCRIPT =
      CampaignScript.of(
              "You are a recruiter calling about healthcare jobs.",
              Optional.of("Hello, I am calling from Acme Staffing."),
              Optional.of(VOICEMAIL),
              Voice.LEAH)
          .forContact(Map.of("first_name", "John", "phone", "+15559876543"));

  private final ManualScheduler scheduler = new ManualScheduler();
  private final SplittableRandom ids = new SplittableRandom(3);
  private final List<CallOutcome> outcomes = new CopyOnWriteArrayList<>();

  private CallRequest request() {
    return new CallRequest(
        CallId.random(ids), PhoneNumber.ofE164("+15551234567"), PhoneNumber.ofE164("+15559876543"));
  }

  private CallConductor conductor(TelephonyProvider provider, VoiceAgent agent) {
    return new CallConductor(
        provider,
        agent,
        scheduler,
        scheduler.clock(),
        new CallLimits(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(3)));
  }

  private SimulatedCarrier simulator(SimulatorConfig config) {
    return new SimulatedCarrier(config, scheduler);
  }

  private CallOutcome only() {
    assertThat(outcomes).hasSize(1);
    return outcomes.get(0);
  }

  @ParameterizedTest
  @CsvSource({
    "INTERESTED, human_interested, schedule, false",
    "NOT_INTERESTED, human_not_interested, not_interested, false",
    "CALL_ME_LATER, callback_requested, callback, false",
    "WRONG_NUMBER, wrong_number, wrong_number, false",
    "STOP_CALLING, do_not_call, do_not_call, true"
  })
  void eachPersonaEndsWithItsDispositionAndIntent(
      Persona persona, String disposition, String intent, boolean doNotCall) {
    SimulatedCarrier carrier =
        simulator(SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN).always(persona));

    conductor(carrier, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    scheduler.runUntilIdle();

    CallOutcome outcome = only();
    assertThat(outcome.disposition().wireName()).isEqualTo(disposition);
    assertThat(outcome.intents()).extracting(Intent::intent).contains(intent);
    assertThat(outcome.doNotCall()).isEqualTo(doNotCall);
    assertThat(outcome.answeredBy()).contains(AnsweredBy.HUMAN);
    assertThat(outcome.transcript().get(0))
        .isEqualTo(
            Turn.assistant(
                "Hello, I am calling from Acme Staffing. Would you be interested in hearing more"
                    + " about it?"));
    assertThat(outcome.transcript())
        .filteredOn(t -> t.role() == Role.USER)
        .extracting(Turn::content)
        .containsExactlyElementsOf(persona.lines());
    assertThat(outcome.endReason()).isEqualTo(EndReason.AGENT_HANG_UP);
    assertThat(outcome.failureReason()).isEmpty();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void anAgentThatWaitsForTheCalleeOpensAtTheirFirstWords() {
    SimulatedCarrier carrier =
        simulator(
            SimulatorConfig.defaults()
                .always(SimulatedOutcome.HUMAN)
                .always(Persona.NOT_INTERESTED));

    conductor(carrier, new ScriptedAgent())
        .start(
            request(),
            SCRIPT.withFirstMessage(FirstMessageMode.ASSISTANT_WAITS_FOR_USER),
            outcomes::add);
    scheduler.runUntilIdle();

    List<Turn> transcript = only().transcript();
    assertThat(transcript.get(0)).isEqualTo(Turn.user("Hello?"));
    assertThat(transcript.get(1).role()).isEqualTo(Role.ASSISTANT);
    assertThat(transcript.get(1).content()).startsWith("Hello, I am calling from Acme Staffing.");
    assertThat(transcript)
        .filteredOn(t -> t.role() == Role.USER)
        .extracting(Turn::content)
        .containsExactlyElementsOf(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("Hello?"), Persona.NOT_INTERESTED.lines().stream())
                .toList());
    assertThat(only().disposition()).isEqualTo(Disposition.HUMAN_NOT_INTERESTED);
  }

  @Test
  void anAgentThatWaitsForASilentCalleeOpensAfterTheOpeningWait() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent())
        .start(
            request(),
            SCRIPT.withFirstMessage(FirstMessageMode.ASSISTANT_WAITS_FOR_USER),
            outcomes::add);
    provider.listener().onAnswered(AnsweredBy.HUMAN);

    scheduler.advance(Duration.ofMillis(2_999));
    assertThat(provider.handle().spoken()).isEmpty();
    scheduler.advance(Duration.ofMillis(1));

    assertThat(provider.handle().spoken())
        .singleElement()
        .asString()
        .startsWith("Hello, I am calling from Acme Staffing.");
  }

  @Test
  void anAgentThatSpeaksFirstOpensAtAnswerWithoutWaiting() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);

    provider.listener().onAnswered(AnsweredBy.HUMAN);

    assertThat(provider.handle().spoken()).hasSize(1);
    assertThat(SCRIPT.firstMessage()).isEqualTo(FirstMessageMode.ASSISTANT_SPEAKS_FIRST);
  }

  @Test
  void aMachineVerdictWhileWaitingForTheCalleeCancelsTheOpening() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent())
        .start(
            request(),
            SCRIPT.withFirstMessage(FirstMessageMode.ASSISTANT_WAITS_FOR_USER),
            outcomes::add);
    provider.listener().onAnswered(AnsweredBy.HUMAN);
    provider.listener().onAnsweredByDetected(AnsweredBy.MACHINE);

    scheduler.advance(Duration.ofSeconds(5));

    assertThat(provider.handle().spoken()).isEmpty();
    provider.listener().onMachineBeep();
    assertThat(provider.handle().spoken()).containsExactly(VOICEMAIL);
  }

  @Test
  void aMachineVerdictWithdrawnBeforeTheBeepStartsTheConversation() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.MACHINE);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(provider.handle().spoken()).as("waiting for the beep").isEmpty();

    events.onAnsweredByDetected(AnsweredBy.HUMAN); // a long greeting, then silence, no beep

    assertThat(provider.handle().spoken())
        .singleElement()
        .asString()
        .startsWith("Hello, I am calling from Acme Staffing.");
    events.onRemoteHangUp();
    scheduler.runUntilIdle();
    assertThat(only().answeredBy()).contains(AnsweredBy.HUMAN);
    assertThat(only().disposition()).isNotEqualTo(Disposition.VOICEMAIL);
    assertThat(only().voicemailLeft()).isFalse();
  }

  @Test
  void aBeepAfterAWithdrawnMachineVerdictStillGetsTheVoicemail() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.MACHINE);
    events.onAnsweredByDetected(AnsweredBy.HUMAN); // a machine that paused before its beep

    events.onMachineBeep();
    events.onSpeechFinished(true); // the greeting, cut by the beep
    events.onSpeechFinished(false); // the voicemail

    assertThat(provider.handle().spoken()).last().isEqualTo(VOICEMAIL);
    assertThat(only().disposition()).isEqualTo(Disposition.VOICEMAIL);
    assertThat(only().answeredBy()).contains(AnsweredBy.MACHINE);
    assertThat(only().voicemailLeft()).isTrue();
  }

  @Test
  void intentsAndDurationAreStampedWithTheInjectedClock() {
    SimulatedCarrier carrier =
        simulator(
            SimulatorConfig.defaults()
                .always(SimulatedOutcome.HUMAN)
                .always(Persona.NOT_INTERESTED));
    Instant start = scheduler.now();

    conductor(carrier, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    scheduler.runUntilIdle();

    CallOutcome outcome = only();
    assertThat(outcome.startedAt()).isEqualTo(start);
    assertThat(outcome.endedAt()).isEqualTo(scheduler.now());
    assertThat(outcome.durationSeconds())
        .isEqualTo(Duration.between(start, scheduler.now()).toMillis() / 1000.0)
        .isPositive();
    Instant intentAt = outcome.intents().get(0).timestamp();
    assertThat(intentAt).isAfter(start).isBefore(outcome.endedAt());
  }

  @Test
  void machineGetsTheVoicemailTextAfterTheBeepThenTheDialerHangsUp() {
    SimulatedCarrier carrier =
        simulator(SimulatorConfig.defaults().always(SimulatedOutcome.VOICEMAIL));
    List<io.outdial.dialer.sim.SimulatedCall> calls = new ArrayList<>();
    TelephonyProvider spying = spyingOn(carrier, calls);

    conductor(spying, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    scheduler.runUntilIdle();

    CallOutcome outcome = only();
    assertThat(outcome.disposition()).isEqualTo(Disposition.VOICEMAIL);
    assertThat(outcome.answeredBy()).contains(AnsweredBy.MACHINE);
    assertThat(outcome.voicemailLeft()).isTrue();
    assertThat(outcome.transcript()).containsExactly(Turn.assistant(VOICEMAIL));
    assertThat(outcome.endReason()).isEqualTo(EndReason.AGENT_HANG_UP);
    assertThat(calls.get(0).heardByCallee()).containsExactly(VOICEMAIL);
    assertThat(calls.get(0).ended()).isTrue();
  }

  private TelephonyProvider spyingOn(
      SimulatedCarrier carrier, List<io.outdial.dialer.sim.SimulatedCall> calls) {
    return new TelephonyProvider() {
      @Override
      public String name() {
        return carrier.name();
      }

      @Override
      public io.outdial.dialer.spi.CallHandle placeCall(CallRequest r, CallListener l) {
        var call = carrier.placeCall(r, l);
        calls.add(call);
        return call;
      }
    };
  }

  @Test
  void machineWithoutCampaignVoicemailIsHungUpOnAtTheBeep() {
    SimulatedCarrier carrier =
        simulator(SimulatorConfig.defaults().always(SimulatedOutcome.VOICEMAIL));
    CampaignScript noVoicemail =
        CampaignScript.of("prompt", Optional.empty(), Optional.empty(), Voice.TARA);

    conductor(carrier, new ScriptedAgent()).start(request(), noVoicemail, outcomes::add);
    scheduler.runUntilIdle();

    assertThat(only().disposition()).isEqualTo(Disposition.VOICEMAIL);
    assertThat(only().voicemailLeft()).isFalse();
    assertThat(only().transcript()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"NO_ANSWER, no_answer, not_reached", "BUSY, busy, not_reached"})
  void unreachedCallsEndWithTheCarriersVerdict(
      SimulatedOutcome simulated, String disposition, String endReason) {
    conductor(simulator(SimulatorConfig.defaults().always(simulated)), new ScriptedAgent())
        .start(request(), SCRIPT, outcomes::add);
    scheduler.runUntilIdle();

    assertThat(only().disposition().wireName()).isEqualTo(disposition);
    assertThat(only().endReason().wireName()).isEqualTo(endReason);
    assertThat(only().answeredBy()).isEmpty();
    assertThat(only().transcript()).isEmpty();
  }

  @Test
  void failedCallKeepsTheReasonAndTheProviderStatus() {
    conductor(
            simulator(SimulatorConfig.defaults().always(SimulatedOutcome.FAILED)),
            new ScriptedAgent())
        .start(request(), SCRIPT, outcomes::add);
    scheduler.runUntilIdle();

    assertThat(only().disposition()).isEqualTo(Disposition.FAILED);
    assertThat(only().failureReason()).contains(ErrorReason.PROVIDER_ERROR);
    assertThat(only().providerStatus()).contains(503);
  }

  @Test
  void ringingPastTheRingTimeoutIsHungUpAsNoAnswer() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    provider.listener().onRinging();

    scheduler.advance(Duration.ofSeconds(29));
    assertThat(outcomes).isEmpty();
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(only().disposition()).isEqualTo(Disposition.NO_ANSWER);
    assertThat(only().endReason()).isEqualTo(EndReason.RING_TIMEOUT);
    assertThat(provider.handle().hangUps()).isEqualTo(1);
  }

  @Test
  void theCarriersAudioMeasuresGoIntoTheOutcome() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    provider.listener().onAnswered(AnsweredBy.HUMAN);
    MediaQuality measured =
        new MediaQuality(
            Optional.of(Duration.ofMillis(640)),
            Optional.of(Duration.ofMillis(1820)),
            Optional.of(Duration.ofMillis(2300)));
    provider.handle().measured(measured);

    provider.listener().onRemoteHangUp();
    scheduler.runUntilIdle();

    assertThat(only().quality()).isEqualTo(measured);
  }

  @Test
  void theSimulatorsMeasuresOfItsOwnClockGoIntoTheOutcome() {
    conductor(
            simulator(SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN)),
            new ScriptedAgent())
        .start(request(), SCRIPT, outcomes::add);
    scheduler.runUntilIdle();

    MediaQuality quality = only().quality();
    assertThat(quality.firstAudio()).isPresent();
    assertThat(quality.deadAir()).isPresent();
    assertThat(quality.endpointing()).isNotEmpty();
    assertThat(quality.voiceToVoice())
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(500)));
  }

  @Test
  void silenceFromTheProviderUntilTheRingTimeoutIsATimeout() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);

    scheduler.runUntilIdle();

    assertThat(only().disposition()).isEqualTo(Disposition.TIMEOUT);
    assertThat(only().failureReason()).contains(ErrorReason.NO_RESPONSE);
  }

  @Test
  void remoteHangUpMidConversationKeepsWhatWasHeard() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.HUMAN);
    events.onUtterance("Yes, I'm interested.");
    events.onRemoteHangUp(); // while the agent's answer is being spoken
    events.onSpeechFinished(false);

    CallOutcome outcome = only();
    assertThat(outcome.disposition()).isEqualTo(Disposition.HUMAN_INTERESTED);
    assertThat(outcome.endReason()).isEqualTo(EndReason.REMOTE_HANG_UP);
    assertThat(outcome.transcript()).hasSize(3);
    assertThat(provider.handle().spoken()).hasSize(2);
    assertThat(provider.handle().hangUps()).isZero();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aConversationThatNeverEndsIsCutAtTheMaximumDuration() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    provider.listener().onAnswered(AnsweredBy.HUMAN);

    scheduler.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(outcomes).isEmpty();
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(only().endReason()).isEqualTo(EndReason.MAX_DURATION);
    assertThat(only().disposition()).isEqualTo(Disposition.HUMAN_NOT_INTERESTED);
    assertThat(provider.handle().hangUps()).isEqualTo(1);
  }

  @Test
  void remoteHangUpRacingTheMaxDurationTimerFinishesOnce() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.HUMAN);
    // Both due at the same instant; the timer, scheduled at answer, runs first.
    scheduler.schedule(events::onRemoteHangUp, Duration.ofMinutes(5));

    scheduler.runUntilIdle();
    events.onFailed(CallFailure.of(CallFailure.Reason.NETWORK, "late"));

    assertThat(only().endReason()).isEqualTo(EndReason.MAX_DURATION);
    assertThat(only().failureReason()).isEmpty();
  }

  @Test
  void eventsRacingOnManyThreadsFinishTheCallExactlyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 200; round++) {
        outcomes.clear();
        FakeProvider provider = new FakeProvider();
        CallSession session =
            conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
        CallListener events = provider.listener();
        events.onAnswered(AnsweredBy.HUMAN);
        CountDownLatch go = new CountDownLatch(1);
        List<Runnable> racers =
            List.of(
                events::onRemoteHangUp,
                session::cancel,
                () -> events.onFailed(CallFailure.of(CallFailure.Reason.MEDIA, "rtp")),
                events::onBusy,
                () -> events.onUtterance("Stop calling me"),
                () -> events.onSpeechFinished(false),
                events::onMachineBeep,
                events::onNoAnswer);
        CountDownLatch done = new CountDownLatch(racers.size());
        for (Runnable r : racers) {
          pool.execute(
              () -> {
                try {
                  go.await();
                  r.run();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              });
        }
        go.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        scheduler.runUntilIdle();
        assertThat(outcomes).hasSize(1);
        assertThat(session.state()).isEqualTo(CallSession.State.FINISHED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cancellingHangsUpAndStopsTheSimulatedCall() {
    SimulatedCarrier carrier =
        simulator(
            SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN).always(Persona.INTERESTED));
    CallSession session =
        conductor(carrier, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    scheduler.advance(Duration.ofSeconds(20)); // answered and talking

    session.cancel();
    session.cancel();
    scheduler.runUntilIdle();

    assertThat(only().disposition()).isEqualTo(Disposition.CANCELLED);
    assertThat(only().endReason()).isEqualTo(EndReason.CANCELLED);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void endingOnRequestHangsUpAndKeepsWhatTheConversationCameTo() {
    FakeProvider provider = new FakeProvider();
    CallSession session =
        conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.HUMAN);
    events.onUtterance("Yes, I'm interested.");

    session.endByRequest();
    session.endByRequest();
    events.onRemoteHangUp();
    scheduler.runUntilIdle();

    assertThat(provider.handle().hangUps()).isEqualTo(1);
    assertThat(only().endReason()).isEqualTo(EndReason.ENDED_BY_REQUEST);
    assertThat(only().disposition()).isEqualTo(Disposition.HUMAN_INTERESTED);
    assertThat(only().failureReason()).isEmpty();
    assertThat(only().transcript()).extracting(Turn::content).contains("Yes, I'm interested.");
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void endingOnRequestBeforeAnyoneAnsweredIsANoAnswer() {
    FakeProvider provider = new FakeProvider();
    CallSession session =
        conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    provider.listener().onRinging();

    session.endByRequest();

    assertThat(provider.handle().hangUps()).isEqualTo(1);
    assertThat(only().disposition()).isEqualTo(Disposition.NO_ANSWER);
    assertThat(only().endReason()).isEqualTo(EndReason.ENDED_BY_REQUEST);
    assertThat(only().answeredBy()).isEmpty();
  }

  @Test
  void endingOnRequestStopsTheSimulatedCall() {
    SimulatedCarrier carrier =
        simulator(
            SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN).always(Persona.INTERESTED));
    CallSession session =
        conductor(carrier, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    scheduler.advance(Duration.ofSeconds(20)); // answered and talking

    session.endByRequest();
    scheduler.runUntilIdle();

    assertThat(only().endReason()).isEqualTo(EndReason.ENDED_BY_REQUEST);
    assertThat(only().answeredBy()).contains(AnsweredBy.HUMAN);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void abandoningHangsUpAndFinishesAsALostCall() {
    FakeProvider provider = new FakeProvider();
    CallSession session =
        conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    provider.listener().onAnswered(AnsweredBy.HUMAN);

    session.abandon();
    session.abandon();
    scheduler.runUntilIdle();

    assertThat(provider.handle().hangUps()).isEqualTo(1);
    assertThat(only().disposition()).isEqualTo(Disposition.FAILED);
    assertThat(only().endReason()).isEqualTo(EndReason.SERVER_LOST);
    assertThat(only().failureReason()).contains(ErrorReason.SERVER_LOST);
  }

  @Test
  void unavailableProviderThrowsAndNeverReportsAnOutcome() {
    FakeProvider provider = new FakeProvider();
    provider.makeUnavailable();

    assertThatThrownBy(
            () -> conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add))
        .isInstanceOf(ProviderUnavailableException.class);
    scheduler.runUntilIdle();

    assertThat(outcomes).isEmpty();
  }

  @Test
  void agentFailureEndsTheCallAsFailedWithAgentError() {
    FakeProvider provider = new FakeProvider();
    VoiceAgent broken =
        new VoiceAgent() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public CompletableFuture<io.outdial.dialer.agent.AgentReply> reply(
              io.outdial.dialer.agent.Conversation c) {
            return CompletableFuture.failedFuture(
                new AgentException(AgentException.Kind.TIMEOUT, "model too slow"));
          }
        };
    conductor(provider, broken).start(request(), SCRIPT, outcomes::add);
    provider.listener().onAnswered(AnsweredBy.HUMAN);

    assertThat(only().disposition()).isEqualTo(Disposition.FAILED);
    assertThat(only().failureReason()).contains(ErrorReason.AGENT_ERROR);
    assertThat(only().endReason()).isEqualTo(EndReason.AGENT_FAILURE);
    assertThat(provider.handle().hangUps()).isEqualTo(1);
  }

  /** An agent that streams: the test hands out sentences and completes the reply by hand. */
  private static final class StreamingAgent implements VoiceAgent {
    volatile Consumer<String> sentences;
    volatile CompletableFuture<AgentReply> reply;

    @Override
    public String name() {
      return "streaming";
    }

    @Override
    public CompletableFuture<AgentReply> reply(Conversation conversation) {
      throw new AssertionError("the session asks for the streaming reply");
    }

    @Override
    public CompletableFuture<AgentReply> reply(
        Conversation conversation, Consumer<String> sentences) {
      this.sentences = sentences;
      this.reply = new CompletableFuture<>();
      return reply;
    }
  }

  @Test
  void streamedSentencesAreSpokenAsTheyComeAndNotAgainWithTheReply() {
    FakeProvider provider = new FakeProvider();
    StreamingAgent agent = new StreamingAgent();
    conductor(provider, agent).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.HUMAN);

    agent.sentences.accept("Hi John.");
    assertThat(provider.handle().spoken()).containsExactly("Hi John.");
    agent.sentences.accept("Goodbye.");
    agent.reply.complete(
        AgentReply.close("Hi John. Goodbye.", List.of(), Disposition.HUMAN_NOT_INTERESTED));

    assertThat(provider.handle().spoken()).containsExactly("Hi John.", "Goodbye.");
    events.onSpeechFinished(false);
    assertThat(outcomes).isEmpty(); // the closing call waits for its last sentence
    events.onSpeechFinished(false);
    assertThat(only().disposition()).isEqualTo(Disposition.HUMAN_NOT_INTERESTED);
    assertThat(only().transcript()).containsExactly(Turn.assistant("Hi John. Goodbye."));
  }

  @Test
  void bargeInCancelsTheStreamingReplyAndAsksAgainWithTheCalleesWords() {
    FakeProvider provider = new FakeProvider();
    StreamingAgent agent = new StreamingAgent();
    conductor(provider, agent).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.HUMAN);
    CompletableFuture<AgentReply> first = agent.reply;
    agent.sentences.accept("Hi John, I am calling about a nursing role.");
    Consumer<String> firstSentences = agent.sentences;

    events.onSpeechFinished(true); // the callee talks over it

    assertThat(first).isCancelled();
    firstSentences.accept("A late sentence of the cancelled reply.");
    assertThat(provider.handle().spoken())
        .containsExactly("Hi John, I am calling about a nursing role.");
    events.onUtterance("Sorry, who is this?");
    assertThat(agent.reply).isNotSameAs(first).isNotDone();
    agent.reply.complete(AgentReply.say("This is Acme Staffing.", List.of()));
    assertThat(provider.handle().spoken()).last().isEqualTo("This is Acme Staffing.");
    events.onRemoteHangUp();
    assertThat(only().transcript())
        .containsExactly(
            Turn.assistant("Hi John, I am calling about a nursing role."),
            Turn.user("Sorry, who is this?"),
            Turn.assistant("This is Acme Staffing."));
  }

  @Test
  void aStreamStillRunningWhenTheCallEndsIsCancelled() {
    FakeProvider provider = new FakeProvider();
    StreamingAgent agent = new StreamingAgent();
    conductor(provider, agent).start(request(), SCRIPT, outcomes::add);
    provider.listener().onAnswered(AnsweredBy.HUMAN);

    provider.listener().onRemoteHangUp();

    assertThat(agent.reply).isCancelled();
  }

  @Test
  void theScriptedOpeningAndTheVoicemailMayBeCachedButNotTheConversation() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.HUMAN);
    events.onSpeechFinished(false);
    events.onUtterance("Sorry, who is this?");
    events.onMachineBeep(); // a machine after all

    List<String> spoken = provider.handle().spoken();
    assertThat(spoken).hasSize(3);
    assertThat(provider.handle().reusable()).containsExactly(spoken.get(0), VOICEMAIL);
  }

  @Test
  void anOpeningOfTheModelsOwnWithoutTheCampaignsGreetingIsNotCached() {
    FakeProvider provider = new FakeProvider();
    VoiceAgent model =
        new VoiceAgent() {
          @Override
          public String name() {
            return "model";
          }

          @Override
          public CompletableFuture<AgentReply> reply(Conversation conversation) {
            return CompletableFuture.completedFuture(
                AgentReply.say("Hi John, lovely weather today!", List.of()));
          }
        };
    conductor(provider, model).start(request(), SCRIPT, outcomes::add);
    provider.listener().onAnswered(AnsweredBy.HUMAN);

    assertThat(provider.handle().spoken()).containsExactly("Hi John, lovely weather today!");
    assertThat(provider.handle().reusable()).isEmpty();
  }

  @Test
  void aBeepDuringWhatLookedLikeAConversationSwitchesToVoicemail() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.UNKNOWN);
    events.onRinging(); // a late 180 after the answer changes nothing
    events.onMachineBeep();
    events.onSpeechFinished(false); // the greeting, played out before the voicemail
    assertThat(outcomes).as("the voicemail is still being spoken").isEmpty();
    events.onSpeechFinished(false);

    assertThat(only().disposition()).isEqualTo(Disposition.VOICEMAIL);
    assertThat(only().voicemailLeft()).isTrue();
    assertThat(provider.handle().spoken()).last().isEqualTo(VOICEMAIL);
  }

  @Test
  void aStopCallingRequestWinsEvenWhenTheCallBreaksBeforeTheAgentConcludes() {
    FakeProvider provider = new FakeProvider();
    conductor(provider, new ScriptedAgent()).start(request(), SCRIPT, outcomes::add);
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.HUMAN);
    events.onUtterance("Not interested. Stop calling me!");
    events.onFailed(CallFailure.of(CallFailure.Reason.MEDIA, "rtp lost"));

    assertThat(only().disposition()).isEqualTo(Disposition.DO_NOT_CALL);
    assertThat(only().doNotCall()).isTrue();
    assertThat(only().failureReason()).contains(ErrorReason.MEDIA);
  }

  @Test
  void aStopCallingRequestIsReportedOnceTheMomentItIsHeardBeforeTheOutcome() {
    FakeProvider provider = new FakeProvider();
    List<String> heard = new CopyOnWriteArrayList<>();
    conductor(provider, new ScriptedAgent())
        .start(
            request(),
            SCRIPT,
            new CallObserver() {
              @Override
              public void finished(CallOutcome outcome) {
                heard.add("finished " + outcome.disposition().wireName());
              }

              @Override
              public void optedOut(Instant at) {
                heard.add("opted out at " + at);
              }
            });
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.HUMAN);
    Instant said = scheduler.clock().instant();
    events.onUtterance("Stop calling me!");

    assertThat(heard).containsExactly("opted out at " + said);

    events.onUtterance("I said stop calling me.");
    events.onRemoteHangUp();

    assertThat(heard).containsExactly("opted out at " + said, "finished do_not_call");
  }

  @Test
  void aCallWithoutAStopCallingRequestNeverReportsOne() {
    FakeProvider provider = new FakeProvider();
    List<String> heard = new CopyOnWriteArrayList<>();
    conductor(provider, new ScriptedAgent())
        .start(
            request(),
            SCRIPT,
            new CallObserver() {
              @Override
              public void finished(CallOutcome outcome) {
                heard.add("finished " + outcome.disposition().wireName());
              }

              @Override
              public void optedOut(Instant at) {
                heard.add("opted out");
              }
            });
    CallListener events = provider.listener();
    events.onAnswered(AnsweredBy.HUMAN);
    events.onUtterance("Not interested, thanks.");
    events.onRemoteHangUp();

    assertThat(heard).containsExactly("finished human_not_interested");
  }

  @Test
  void thousandsOfSimulatedCallsAtZeroTimeScaleAllFinishAndFollowTheSeed() {
    assertThat(dispositions(11)).isEqualTo(dispositions(11)).hasSize(2_000);
  }

  private List<Disposition> dispositions(long seed) {
    ManualScheduler s = new ManualScheduler();
    SimulatedCarrier carrier =
        new SimulatedCarrier(SimulatorConfig.defaults().withSeed(seed).withTimeScale(0), s);
    CallConductor conductor =
        new CallConductor(carrier, new ScriptedAgent(), s, s.clock(), CallLimits.DEFAULT);
    List<Disposition> result = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      conductor.start(request(), SCRIPT, o -> result.add(o.disposition()));
    }
    s.runUntilIdle();
    assertThat(result).contains(Disposition.VOICEMAIL, Disposition.NO_ANSWER, Disposition.BUSY);
    assertThat(result).filteredOn(Disposition::isHumanAnswer).isNotEmpty();
    return result;
  }
}
