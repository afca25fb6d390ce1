package io.outdial.dialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.EndReason;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.core.id.TransferId;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.core.transfer.TransferAcceptance;
import io.outdial.core.transfer.TransferFailure;
import io.outdial.core.transfer.TransferMode;
import io.outdial.core.transfer.TransferStatus;
import io.outdial.dialer.agent.AgentReply;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.Intent;
import io.outdial.dialer.agent.Role;
import io.outdial.dialer.agent.ScriptedAgent;
import io.outdial.dialer.agent.Turn;
import io.outdial.dialer.agent.VoiceAgent;
import io.outdial.dialer.sim.Persona;
import io.outdial.dialer.sim.SimulatedCall;
import io.outdial.dialer.sim.SimulatedCarrier;
import io.outdial.dialer.sim.SimulatedHumanLeg;
import io.outdial.dialer.sim.SimulatedOutcome;
import io.outdial.dialer.sim.SimulatorConfig;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.LegRequest;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ReferResult;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.dialer.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transfers of a live call on the simulated carrier, in simulated time: the warm path to the bridge
 * and the end, a human who does not answer, cold transfers accepted and refused, a callback
 * announced, and the agent's own transfer intent.
 */
class TransferSessionTest {
  private static final CampaignScript SCRIPT =
      CampaignScript.of(
              "You are a recruiter calling about healthcare jobs.",
              Optional.of("Hello, I am calling from Acme Staffing."),
              Optional.empty(),
              Voice.LEAH)
          .forContact(Map.of("first_name", "John", "phone", "+15559876543"));

  private final ManualScheduler scheduler = new ManualScheduler();
  private final Recorder observer = new Recorder();
  private final Capturing carrier =
      new Capturing(
          new SimulatedCarrier(
              SimulatorConfig.defaults().always(SimulatedOutcome.HUMAN).always(Persona.INTERESTED),
              scheduler));

  /** What the session told the dispatcher. */
  static final class Recorder implements CallObserver {
    final List<CallOutcome> outcomes = new CopyOnWriteArrayList<>();
    final List<String> steps = new CopyOnWriteArrayList<>();
    final List<String> callbacks = new CopyOnWriteArrayList<>();
    volatile int transfersWanted;

    @Override
    public void finished(CallOutcome outcome) {
      outcomes.add(outcome);
    }

    @Override
    public void transferChanged(
        TransferId transfer, TransferStatus status, Optional<TransferFailure> failure) {
      steps.add(status.wireName() + failure.map(f -> ":" + f.wireName()).orElse(""));
    }

    @Override
    public void transferWanted() {
      transfersWanted++;
    }

    @Override
    public void callbackAnnounced(String callbackId) {
      callbacks.add(callbackId);
    }
  }

  /** The simulator, keeping the handles it gives out. */
  static final class Capturing implements TelephonyProvider {
    final SimulatedCarrier carrier;
    volatile SimulatedCall call;
    volatile SimulatedHumanLeg leg;

    /** Lines finished on the callee's leg and referrals sent, in order. */
    final List<String> calleeLeg = new CopyOnWriteArrayList<>();

    Capturing(SimulatedCarrier carrier) {
      this.carrier = carrier;
    }

    @Override
    public String name() {
      return carrier.name();
    }

    @Override
    public CallHandle placeCall(CallRequest request, CallListener listener) {
      call = carrier.placeCall(request, new NotingSpeech(listener));
      SimulatedCall simulated = call;
      return new CallHandle() {
        @Override
        public CallId callId() {
          return simulated.callId();
        }

        @Override
        public void speak(String text, Voice voice) {
          simulated.speak(text, voice);
        }

        @Override
        public void speakReusable(String text, Voice voice) {
          simulated.speakReusable(text, voice);
        }

        @Override
        public void hangUp() {
          simulated.hangUp();
        }

        @Override
        public void hold() {
          simulated.hold();
        }

        @Override
        public CompletionStage<ReferResult> refer(TargetAddress to) {
          calleeLeg.add("refer");
          return simulated.refer(to);
        }

        @Override
        public MediaQuality quality() {
          return simulated.quality();
        }
      };
    }

    /** Notes each line finished on the callee's leg. */
    private final class NotingSpeech implements CallListener {
      private final CallListener listener;

      NotingSpeech(CallListener listener) {
        this.listener = listener;
      }

      @Override
      public void onRinging() {
        listener.onRinging();
      }

      @Override
      public void onAnswered(AnsweredBy answeredBy) {
        listener.onAnswered(answeredBy);
      }

      @Override
      public void onAnsweredByDetected(AnsweredBy answeredBy) {
        listener.onAnsweredByDetected(answeredBy);
      }

      @Override
      public void onMachineBeep() {
        listener.onMachineBeep();
      }

      @Override
      public void onUtterance(String text) {
        listener.onUtterance(text);
      }

      @Override
      public void onSpeechFinished(boolean interrupted) {
        calleeLeg.add("line_finished");
        listener.onSpeechFinished(interrupted);
      }

      @Override
      public void onDtmf(char digit) {
        listener.onDtmf(digit);
      }

      @Override
      public void onRemoteHangUp() {
        listener.onRemoteHangUp();
      }

      @Override
      public void onNoAnswer() {
        listener.onNoAnswer();
      }

      @Override
      public void onBusy() {
        listener.onBusy();
      }

      @Override
      public void onFailed(CallFailure failure) {
        listener.onFailed(failure);
      }
    }

    @Override
    public CallHandle placeLeg(LegRequest request, CallListener listener) {
      leg = carrier.placeLeg(request, listener);
      return leg;
    }

    @Override
    public void bridge(CallHandle callee, CallHandle human) {
      carrier.bridge(call, human); // the simulated call behind the handle given out
    }
  }

  private CallSession start(VoiceAgent agent) {
    CallSession session =
        new CallConductor(
                carrier,
                agent,
                scheduler,
                scheduler.clock(),
                new CallLimits(
                    Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(3)))
            .start(
                new CallRequest(
                    CallId.random(),
                    PhoneNumber.ofE164("+15551234567"),
                    PhoneNumber.ofE164("+15559876543")),
                SCRIPT,
                observer);
    return session;
  }

  /** Moves simulated time on in small steps until {@code condition} holds. */
  private void until(BooleanSupplier condition) {
    for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) {
      scheduler.advance(Duration.ofMillis(50));
    }
    assertThat(condition.getAsBoolean()).as("reached in simulated time").isTrue();
  }

  /** Starts the call and waits until the callee has said their first line and was answered. */
  private CallSession talking() {
    CallSession session = start(new ScriptedAgent());
    until(() -> carrier.call != null && carrier.call.heardByCallee().size() >= 2);
    return session;
  }

  private static TransferPlan plan(String address, TransferMode mode) {
    return plan(address, mode, TransferAcceptance.ANSWER);
  }

  private static TransferPlan plan(
      String address, TransferMode mode, TransferAcceptance acceptance) {
    return new TransferPlan(
        TransferId.random(),
        new TargetAddress(address),
        mode,
        Optional.of("Wants a nurse job"),
        acceptance);
  }

  private static final TransferAcceptance PRESS_ONE =
      new TransferAcceptance(Optional.of('1'), Duration.ofSeconds(10));

  private CallOutcome only() {
    assertThat(observer.outcomes).hasSize(1);
    return observer.outcomes.get(0);
  }

  @Test
  void aWarmTransferHoldsTheCalleeWhispersToTheHumanBridgesAndTheTranscriptGoesOn() {
    CallSession session = talking();

    session.transfer(plan("sip:dana@pbx.example.com", TransferMode.WARM));
    scheduler.runUntilIdle();

    assertThat(observer.steps)
        .containsExactly("holding", "ringing_agent", "whisper", "bridged", "ended");
    assertThat(carrier.call.heardByCallee())
        .contains(CallSession.HOLD_LINE, SimulatedCall.HOLD_AUDIO);
    List<String> human = carrier.leg.heardByHuman();
    assertThat(human.get(0))
        .startsWith("Incoming transfer")
        .contains("Wants a nurse job.")
        .contains(Persona.INTERESTED.lines().get(0));
    CallOutcome outcome = only();
    assertThat(outcome.transcript()).filteredOn(t -> t.role() == Role.HUMAN_AGENT).hasSize(2);
    int hold = outcome.transcript().indexOf(Turn.assistant(CallSession.HOLD_LINE));
    assertThat(outcome.transcript().subList(hold + 1, outcome.transcript().size()))
        .extracting(Turn::role)
        .as("after the hold: the human, the callee, the human")
        .containsExactly(Role.HUMAN_AGENT, Role.USER, Role.HUMAN_AGENT);
    assertThat(outcome.disposition()).isEqualTo(Disposition.HUMAN_INTERESTED);
    assertThat(outcome.endReason()).isEqualTo(EndReason.REMOTE_HANG_UP);
    assertThat(carrier.leg.ended()).isTrue();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aHumanWhoDoesNotAnswerLeavesTheCalleeToldSomeoneWillCallBack() {
    CallSession session = talking();

    session.transfer(plan("sip:noanswer@pbx.example.com", TransferMode.WARM));
    scheduler.runUntilIdle();

    assertThat(observer.steps)
        .containsExactly("holding", "ringing_agent", "no_answer:agent_no_answer");
    assertThat(carrier.call.heardByCallee()).endsWith(CallSession.TRANSFER_FAILED_LINE);
    CallOutcome outcome = only();
    assertThat(outcome.disposition()).isEqualTo(Disposition.CALLBACK_REQUESTED);
    assertThat(outcome.endReason()).isEqualTo(EndReason.AGENT_HANG_UP);
    assertThat(outcome.transcript()).noneMatch(t -> t.role() == Role.HUMAN_AGENT);
  }

  @Test
  void aHumanWhoMustPressOneIsBridgedOncePressedAndHearsTheKeyAskedFor() {
    CallSession session = talking();

    session.transfer(plan("sip:dana@pbx.example.com", TransferMode.WARM, PRESS_ONE));
    scheduler.runUntilIdle();

    assertThat(observer.steps)
        .containsExactly("holding", "ringing_agent", "whisper", "bridged", "ended");
    assertThat(carrier.leg.heardByHuman().get(0))
        .startsWith("Incoming transfer")
        .endsWith("Press 1 to take the call.")
        .doesNotContain("Connecting you now.");
    assertThat(only().transcript()).filteredOn(t -> t.role() == Role.HUMAN_AGENT).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sip:nokey@pbx.example.com", "sip:wrongkey@pbx.example.com"})
  void aVoicemailOrAWrongKeyRefusesTheTransferAndTheCalleeIsToldSomeoneWillCall(String human) {
    CallSession session = talking();

    session.transfer(plan(human, TransferMode.WARM, PRESS_ONE));
    scheduler.runUntilIdle();

    assertThat(observer.steps)
        .containsExactly("holding", "ringing_agent", "whisper", "failed:agent_rejected");
    assertThat(carrier.leg.bridged()).isFalse();
    assertThat(carrier.leg.ended()).as("the human's leg is hung up").isTrue();
    assertThat(carrier.call.heardByCallee()).endsWith(CallSession.TRANSFER_FAILED_LINE);
    CallOutcome outcome = only();
    assertThat(outcome.disposition()).isEqualTo(Disposition.CALLBACK_REQUESTED);
    assertThat(outcome.transcript()).noneMatch(t -> t.role() == Role.HUMAN_AGENT);
  }

  @Test
  void aColdTransferAcceptedHandsTheCallOver() {
    CallSession session = talking();

    session.transfer(plan("sip:dana@pbx.example.com", TransferMode.COLD));
    scheduler.runUntilIdle();

    assertThat(observer.steps).containsExactly("ringing_agent", "ended");
    assertThat(only().endReason()).isEqualTo(EndReason.TRANSFERRED);
    assertThat(only().disposition()).isEqualTo(Disposition.HUMAN_INTERESTED);
    assertThat(carrier.leg).as("no second leg for a referral").isNull();
  }

  @Test
  void aColdTransferRefersOnlyOnceTheCalleeHeardTheLine() {
    CallSession session = talking();
    int before = carrier.calleeLeg.size();

    session.transfer(plan("sip:dana@pbx.example.com", TransferMode.COLD));
    assertThat(carrier.calleeLeg.subList(before, carrier.calleeLeg.size()))
        .as("nothing referred while the line plays")
        .doesNotContain("refer");
    scheduler.runUntilIdle();

    List<String> after = carrier.calleeLeg.subList(before, carrier.calleeLeg.size());
    assertThat(after).containsOnlyOnce("refer");
    assertThat(after.indexOf("refer"))
        .as("referred once a line has played out: %s", after)
        .isGreaterThan(after.indexOf("line_finished"))
        .isGreaterThan(0);
    assertThat(only().endReason()).isEqualTo(EndReason.TRANSFERRED);
  }

  @Test
  void aColdTransferOrderedWhileAnEarlierLinePlaysRefersAfterTheColdLineNotTheEarlierOne() {
    CallSession session = talking();
    long finished = carrier.calleeLeg.stream().filter("line_finished"::equals).count();
    int ahead = (int) (carrier.call.heardByCallee().size() - finished);
    assertThat(ahead).as("the agent's reply still plays").isPositive();
    int before = carrier.calleeLeg.size();

    session.transfer(plan("sip:dana@pbx.example.com", TransferMode.COLD));
    scheduler.runUntilIdle();

    List<String> after = carrier.calleeLeg.subList(before, carrier.calleeLeg.size());
    assertThat(after)
        .as("the earlier lines, then the cold line, then the referral")
        .startsWith(
            java.util.stream.Stream.concat(
                    java.util.Collections.nCopies(ahead + 1, "line_finished").stream(),
                    java.util.stream.Stream.of("refer"))
                .toArray(String[]::new));
    assertThat(carrier.call.heardByCallee()).endsWith(CallSession.COLD_LINE);
    assertThat(only().endReason()).isEqualTo(EndReason.TRANSFERRED);
  }

  @Test
  void aColdTransferRefusedKeepsTheCalleeAndSaysSo() {
    CallSession session = talking();

    session.transfer(plan("sip:refuse@pbx.example.com", TransferMode.COLD));
    scheduler.runUntilIdle();

    assertThat(observer.steps).containsExactly("ringing_agent", "failed:carrier_refused");
    assertThat(carrier.call.heardByCallee()).endsWith(CallSession.TRANSFER_FAILED_LINE);
    assertThat(only().endReason()).isEqualTo(EndReason.AGENT_HANG_UP);
  }

  @Test
  void theSameTransferOrderedTwiceStartsOnce() {
    CallSession session = talking();
    TransferPlan plan = plan("sip:dana@pbx.example.com", TransferMode.WARM);

    session.transfer(plan);
    session.transfer(plan);
    scheduler.runUntilIdle();
    session.transfer(plan);

    assertThat(observer.steps)
        .containsExactly("holding", "ringing_agent", "whisper", "bridged", "ended");
  }

  @Test
  void aTransferOfAnEndedCallFailsAtOnce() {
    CallSession session = talking();
    session.endByRequest();

    session.transfer(plan("sip:dana@pbx.example.com", TransferMode.WARM));

    assertThat(observer.steps).containsExactly("failed:call_ended");
  }

  @Test
  void aTransferOrderedWhileTheCallRingsStartsWhenThePersonAnswers() {
    CallSession session = start(new ScriptedAgent());
    assertThat(session.state()).isIn(CallSession.State.PLACING, CallSession.State.RINGING);

    session.transfer(plan("sip:dana@pbx.example.com", TransferMode.WARM));
    scheduler.runUntilIdle();

    assertThat(observer.steps)
        .containsExactly("holding", "ringing_agent", "whisper", "bridged", "ended");
    assertThat(carrier.leg.heardByHuman().get(0)).contains("has not said anything yet");
    assertThat(only().transcript().get(0)).isEqualTo(Turn.assistant(CallSession.HOLD_LINE));
  }

  @Test
  void aCallbackIsAnnouncedOnceAndClosesTheCall() {
    CallSession session = talking();

    session.announceCallback("cb_1");
    session.announceCallback("cb_1");
    scheduler.runUntilIdle();

    assertThat(observer.callbacks).containsExactly("cb_1");
    assertThat(carrier.call.heardByCallee()).endsWith(CallSession.CALLBACK_LINE);
    assertThat(only().disposition()).isEqualTo(Disposition.CALLBACK_REQUESTED);
  }

  @Test
  void aCallbackAnnouncedWhileAnEarlierLinePlaysIsHeardWholeBeforeTheHangUp() {
    CallSession session = talking();
    long finished = carrier.calleeLeg.stream().filter("line_finished"::equals).count();
    int ahead = (int) (carrier.call.heardByCallee().size() - finished);
    assertThat(ahead).as("the agent's reply still plays").isPositive();
    int before = carrier.calleeLeg.size();

    session.announceCallback("cb_1");
    scheduler.runUntilIdle();

    assertThat(carrier.calleeLeg.subList(before, carrier.calleeLeg.size()))
        .as("the earlier lines and the callback line play out before the hang-up")
        .containsExactlyElementsOf(java.util.Collections.nCopies(ahead + 1, "line_finished"));
    assertThat(only().disposition()).isEqualTo(Disposition.CALLBACK_REQUESTED);
  }

  @Test
  void theAgentsTransferIntentAsksTheDispatcherForATransfer() {
    VoiceAgent wantsHuman =
        new VoiceAgent() {
          @Override
          public String name() {
            return "test";
          }

          @Override
          public CompletionStage<AgentReply> reply(
              io.outdial.dialer.agent.Conversation conversation) {
            return CompletableFuture.completedFuture(
                AgentReply.say(
                    "Let me find a colleague for you.",
                    List.of(new Intent(Intent.TRANSFER, 0.9, Instant.EPOCH))));
          }
        };
    CallSession session = start(wantsHuman);
    until(() -> observer.transfersWanted > 0);

    session.transfer(plan("sip:dana@pbx.example.com", TransferMode.WARM));
    scheduler.runUntilIdle();

    assertThat(observer.transfersWanted).as("asked once, whatever the agent repeats").isEqualTo(1);
    assertThat(observer.steps).endsWith("ended");
  }
}
