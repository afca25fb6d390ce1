package io.outdial.dialer.call;

import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.contact.Disposition;
import io.outdial.core.id.CallId;
import io.outdial.core.id.TransferId;
import io.outdial.core.transfer.TransferAcceptance;
import io.outdial.core.transfer.TransferFailure;
import io.outdial.core.transfer.TransferMode;
import io.outdial.core.transfer.TransferStatus;
import io.outdial.dialer.agent.AgentReply;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.Conversation;
import io.outdial.dialer.agent.Intent;
import io.outdial.dialer.agent.Role;
import io.outdial.dialer.agent.Turn;
import io.outdial.dialer.agent.VoiceAgent;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.Cancellable;
import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.LegRequest;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.dialer.spi.ReferResult;
import io.outdial.dialer.spi.TelephonyProvider;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One call in flight: a state machine driven by provider events, agent replies and two timers. It
 * owns no thread. Each event takes the session's lock briefly, so events may arrive on any thread
 * and in any order; whatever arrives after the call finished is ignored, which is what makes the
 * outcome exactly-once when, say, a remote hang-up races the max-duration timer.
 *
 * <p>Calls into the provider's {@link CallHandle} happen under the lock (so two lines are never
 * spoken out of order); calls to the agent and to {@code onFinished} happen after it is released,
 * so that neither a synchronously completing agent nor the dispatcher's callback re-enters a
 * half-finished event.
 */
public final class CallSession {
  private static final System.Logger LOG = System.getLogger(CallSession.class.getName());

  /**
   * The confidence from which a heard {@code do_not_call} intent is honoured even if the agent
   * decided otherwise: consent revocation errs on the side of the callee.
   */
  static final double DO_NOT_CALL_CONFIDENCE = 0.5;

  private static final Map<String, Disposition> INTENT_DISPOSITIONS =
      Map.of(
          Intent.SCHEDULE, Disposition.HUMAN_INTERESTED,
          Intent.CALLBACK, Disposition.CALLBACK_REQUESTED,
          Intent.NOT_INTERESTED, Disposition.HUMAN_NOT_INTERESTED,
          Intent.WRONG_NUMBER, Disposition.WRONG_NUMBER,
          Intent.DO_NOT_CALL, Disposition.DO_NOT_CALL);

  /** What the agent says before putting the callee on hold for a warm transfer. */
  static final String HOLD_LINE = "Please hold for a moment while I connect you with a colleague.";

  /** What the agent says before a cold transfer hands the callee over. */
  static final String COLD_LINE = "I am transferring you to a colleague now.";

  /** What the agent says when nobody was free to take the call (a callback task was recorded). */
  static final String CALLBACK_LINE =
      "Everyone on the team is busy right now. Someone will call you back shortly. Thank you,"
          + " goodbye!";

  /** What the agent says when the transfer broke after the callee was put on hold. */
  static final String TRANSFER_FAILED_LINE =
      "I am sorry, I could not reach a colleague just now. Someone will call you back shortly."
          + " Goodbye!";

  /** The confidence from which the agent's {@code transfer} intent asks for a transfer. */
  static final double TRANSFER_CONFIDENCE = 0.5;

  /** Where the call stands. */
  public enum State {
    PLACING,
    RINGING,
    CONVERSATION,
    AWAITING_BEEP,
    LEAVING_VOICEMAIL,
    FINISHED
  }

  private final CallRequest request;
  private final CampaignScript script;
  private final TelephonyProvider provider;
  private final VoiceAgent agent;
  private final EventScheduler scheduler;
  private final Clock clock;
  private final CallLimits limits;
  private final CallObserver observer;
  private final ReentrantLock lock = new ReentrantLock();

  // Guarded by lock.
  private State state = State.PLACING;
  private CallHandle handle;
  private Instant startedAt;
  private boolean ringingSeen;
  private AnsweredBy answeredBy;
  private final List<Turn> transcript = new ArrayList<>();
  private final List<Intent> intents = new ArrayList<>();
  private Disposition agentDisposition;
  private boolean doNotCall;
  private boolean agentBusy;
  private boolean agentAgain;
  private long agentGeneration;
  private CompletableFuture<AgentReply> agentStream; // the reply in progress, to cancel on barge-in
  private final List<String> streamedSentences = new ArrayList<>(); // of the reply in progress
  // every line given to the carrier and not yet reported played out or cut off; never reset, since
  // the carrier reports each line once, in the order given
  private int unplayed;
  private boolean closing;
  private boolean voicemailLeft;
  private Cancellable ringTimer = () -> {};
  private Cancellable maxTimer = () -> {};
  private Cancellable openingTimer = () -> {};
  private CallOutcome outcome;
  private Transfer transfer; // the latest transfer, kept once over so repeated orders are ignored
  private boolean bridgedOnce;
  private boolean transferAsked;
  private final Set<String> callbacksAnnounced = new HashSet<>();

  /** A transfer the session carries out; guarded by the session's lock. */
  private static final class Transfer {
    final TransferPlan plan;
    TransferStatus status = TransferStatus.REQUESTED;
    CallHandle leg;
    Cancellable ringTimer = () -> {};
    boolean referAfterLine; // cold: the referral goes out once COLD_LINE has played
    int linesAhead; // cold: lines given before COLD_LINE, not yet reported played or cut off
    boolean awaitingKey; // warm, by key: the whisper has played, the human's key is waited for

    Transfer(TransferPlan plan) {
      this.plan = plan;
    }

    boolean active() {
      return !status.terminal();
    }
  }

  CallSession(
      CallRequest request,
      CampaignScript script,
      TelephonyProvider provider,
      VoiceAgent agent,
      EventScheduler scheduler,
      Clock clock,
      CallLimits limits,
      CallObserver observer) {
    this.request = Objects.requireNonNull(request, "request");
    this.script = Objects.requireNonNull(script, "script");
    this.provider = provider;
    this.agent = agent;
    this.scheduler = scheduler;
    this.clock = clock;
    this.limits = limits;
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  public CallId callId() {
    return request.callId();
  }

  public State state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** The outcome once the call finished. */
  public Optional<CallOutcome> outcome() {
    lock.lock();
    try {
      return Optional.ofNullable(outcome);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hangs up and finishes the call as {@link Disposition#CANCELLED} (campaign deleted). Harmless
   * when the call already finished.
   */
  public void cancel() {
    event(
        after -> {
          hangUpHandle();
          finish(Disposition.CANCELLED, EndReason.CANCELLED, Optional.empty(), after);
        });
  }

  /**
   * Hangs up because the integrator asked to end the call ({@code POST
   * /api/v1/calls/{call_id}/end}). The disposition is what the call had come to: the conversation's
   * verdict so far, {@code voicemail} once a machine answered, {@code no_answer} before anyone
   * answered; the end reason says {@code ended_by_request}. Harmless when the call already
   * finished.
   */
  public void endByRequest() {
    event(
        after -> {
          hangUpHandle();
          finish(
              answeredDisposition().orElse(Disposition.NO_ANSWER),
              EndReason.ENDED_BY_REQUEST,
              Optional.empty(),
              after);
        });
  }

  /**
   * Hangs up because this server can no longer vouch for the call: its lease is running out, so
   * another server may close the call as lost and dial the contact again. Finishes as {@code
   * failed} with reason {@code server_lost}, retried like a lost call. Harmless when the call
   * already finished.
   */
  public void abandon() {
    event(
        after -> {
          hangUpHandle();
          finishWithReason(
              Disposition.FAILED, EndReason.SERVER_LOST, ErrorReason.SERVER_LOST, after);
        });
  }

  /**
   * Carries out a transfer picked for this call ({@code POST /api/v1/calls/{call_id}/transfer} or
   * the agent's own). Warm: the callee hears {@link #HOLD_LINE} and hold audio, the human's leg is
   * placed, the human hears the whisper ({@link Whisper}) once they answer, and the two legs are
   * bridged; the transcript goes on with both ({@code user} and {@code human_agent} turns) until
   * either hangs up. Cold: the callee hears {@link #COLD_LINE}, then its leg is referred to the
   * human. Each step is reported to the observer; an order for a transfer already under way (or
   * over) is ignored, and a call that is not a conversation with a person refuses it at once.
   */
  public void transfer(TransferPlan plan) {
    Objects.requireNonNull(plan, "plan");
    List<Runnable> after = new ArrayList<>(4);
    Optional<TransferFailure> refused = Optional.empty();
    lock.lock();
    try {
      if (transfer != null && transfer.plan.id().equals(plan.id())) {
        return;
      }
      if (state == State.FINISHED) {
        refused = Optional.of(TransferFailure.CALL_ENDED);
      } else if (transfer != null && transfer.active()) {
        refused = Optional.of(TransferFailure.NOT_CONVERSING);
      } else if (state == State.PLACING || state == State.RINGING) {
        transfer = new Transfer(plan); // starts when a person answers
      } else if (state != State.CONVERSATION) {
        refused = Optional.of(TransferFailure.NOT_CONVERSING);
      } else {
        transfer = new Transfer(plan);
        startTransfer(transfer, after);
      }
    } finally {
      lock.unlock();
    }
    if (refused.isPresent()) {
      TransferFailure why = refused.get();
      notify(() -> observer.transferChanged(plan.id(), why.status(), Optional.of(why)));
    }
    after.forEach(Runnable::run);
  }

  /**
   * Tells the callee that nobody was free and someone will call back (the callback task {@code
   * callbackId}), then closes the call as {@code callback_requested} unless the agent reached
   * another verdict. Ignored for a call that is not a conversation (yet), while a transfer is under
   * way, or when this task was announced already.
   */
  public void announceCallback(String callbackId) {
    Objects.requireNonNull(callbackId, "callbackId");
    event(
        after -> {
          if (state != State.CONVERSATION
              || (transfer != null && transfer.active())
              || !callbacksAnnounced.add(callbackId)) {
            return;
          }
          cancelAgent(after);
          openingTimer.cancel();
          if (agentDisposition == null) {
            agentDisposition = Disposition.CALLBACK_REQUESTED;
          }
          closeWith(CALLBACK_LINE);
          after.add(() -> notify(() -> observer.callbackAnnounced(callbackId)));
        });
  }

  private void startTransfer(Transfer t, List<Runnable> after) {
    if (t.plan.mode() == TransferMode.COLD) {
      startCold(t, after);
    } else {
      startWarm(t, after);
    }
  }

  /** A transfer ordered while the call rang, if one waits for the answer. */
  private Optional<Transfer> waitingTransfer() {
    return transfer != null && transfer.status == TransferStatus.REQUESTED
        ? Optional.of(transfer)
        : Optional.empty();
  }

  private void startWarm(Transfer t, List<Runnable> after) {
    cancelAgent(after);
    openingTimer.cancel();
    closing = false;
    transcript.add(Turn.assistant(HOLD_LINE));
    speak(HOLD_LINE);
    try {
      handle.hold();
    } catch (UnsupportedOperationException e) {
      LOG.log(Level.DEBUG, () -> "provider " + provider.name() + " plays no hold audio");
    }
    report(t, TransferStatus.HOLDING, Optional.empty(), after);
    try {
      t.leg =
          provider.placeLeg(
              new LegRequest(callId(), request.callerId(), t.plan.address()), new LegListener(t));
    } catch (UnsupportedOperationException e) {
      failTransfer(t, TransferFailure.CARRIER_REFUSED, after);
      return;
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "provider " + provider.name() + " could not call " + t.plan.address(), e);
      failTransfer(t, TransferFailure.PROVIDER_ERROR, after);
      return;
    }
    report(t, TransferStatus.RINGING_AGENT, Optional.empty(), after);
    t.ringTimer = scheduler.schedule(() -> onLegRingTimeout(t), limits.ringTimeout());
  }

  private void startCold(Transfer t, List<Runnable> after) {
    cancelAgent(after);
    openingTimer.cancel();
    closing = false;
    transcript.add(Turn.assistant(COLD_LINE));
    t.linesAhead = unplayed; // an earlier line still playing is reported before COLD_LINE
    speak(COLD_LINE);
    report(t, TransferStatus.RINGING_AGENT, Optional.empty(), after);
    // the callee hears the whole line first: a phone that takes the referral calls the human at
    // once and puts this call on hold, and the session hangs up as soon as it is accepted
    t.referAfterLine = true;
  }

  /** Sends the referral of a cold transfer, once its line has played out (or was cut off). */
  private void refer(Transfer t, List<Runnable> after) {
    t.referAfterLine = false;
    CompletionStage<ReferResult> answer;
    try {
      answer = handle.refer(t.plan.address());
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    CompletionStage<ReferResult> referral = answer;
    after.add(() -> referral.whenComplete((r, e) -> onReferred(t, r, e)));
  }

  private void onReferred(Transfer t, ReferResult result, Throwable error) {
    event(
        after -> {
          if (transfer != t || !t.active()) {
            return;
          }
          if (error != null || result == null || !result.accepted()) {
            LOG.log(
                Level.DEBUG,
                () -> "referral of " + callId() + " refused: " + (error != null ? error : result));
            failTransfer(t, TransferFailure.CARRIER_REFUSED, after);
            return;
          }
          report(t, TransferStatus.ENDED, Optional.empty(), after);
          hangUpHandle();
          finish(transferredDisposition(), EndReason.TRANSFERRED, Optional.empty(), after);
        });
  }

  private void onLegRingTimeout(Transfer t) {
    event(
        after -> {
          if (transfer == t && t.status == TransferStatus.RINGING_AGENT) {
            failTransfer(t, TransferFailure.AGENT_NO_ANSWER, after);
          }
        });
  }

  /** The transfer broke before the bridge: the human's leg goes, the callee is told and let go. */
  private void failTransfer(Transfer t, TransferFailure why, List<Runnable> after) {
    t.ringTimer.cancel();
    hangUpLeg(t);
    report(t, why.status(), Optional.of(why), after);
    if (agentDisposition == null) {
      agentDisposition = Disposition.CALLBACK_REQUESTED;
    }
    closeWith(TRANSFER_FAILED_LINE);
  }

  /** Says a last line to the callee and hangs up once it has played out. */
  private void closeWith(String line) {
    transcript.add(Turn.assistant(line));
    closing = true;
    speak(line);
  }

  private void report(
      Transfer t, TransferStatus to, Optional<TransferFailure> why, List<Runnable> after) {
    t.status = to;
    if (to == TransferStatus.BRIDGED) {
      bridgedOnce = true;
    }
    TransferId id = t.plan.id();
    after.add(() -> notify(() -> observer.transferChanged(id, to, why)));
  }

  private void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "transfer handler failed for " + callId(), e);
    }
  }

  private void hangUpLeg(Transfer t) {
    if (t.leg == null) {
      return;
    }
    try {
      t.leg.hangUp();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "hang-up of the transfer leg of " + callId() + " failed", e);
    }
  }

  /** The events of a warm transfer's second leg, to the human. */
  private final class LegListener implements CallListener {
    private final Transfer t;

    LegListener(Transfer t) {
      this.t = t;
    }

    private void leg(Consumer<List<Runnable>> body) {
      event(
          after -> {
            if (transfer == t && t.active()) {
              body.accept(after);
            }
          });
    }

    @Override
    public void onRinging() {}

    @Override
    public void onAnswered(AnsweredBy by) {
      leg(
          after -> {
            if (t.status != TransferStatus.RINGING_AGENT) {
              return;
            }
            t.ringTimer.cancel();
            report(t, TransferStatus.WHISPER, Optional.empty(), after);
            t.leg.speak(
                Whisper.text(t.plan.briefing(), transcript, t.plan.acceptance().prompt()),
                script.voice());
          });
    }

    @Override
    public void onMachineBeep() {}

    @Override
    public void onUtterance(String text) {
      leg(
          after -> {
            if (t.status == TransferStatus.BRIDGED && text != null && !text.isBlank()) {
              transcript.add(Turn.humanAgent(text.strip()));
            }
          });
    }

    @Override
    public void onSpeechFinished(boolean interrupted) {
      leg(
          after -> {
            if (t.status != TransferStatus.WHISPER || t.awaitingKey) {
              return;
            }
            if (t.plan.acceptance().byKey()) {
              // a person presses the key; their voicemail does not
              t.awaitingKey = true;
              t.ringTimer = scheduler.schedule(() -> onKeyTimeout(t), t.plan.acceptance().within());
              return;
            }
            bridge(after);
          });
    }

    /**
     * The human's key: the agreed one accepts (at once, even over the whisper), any other refuses.
     */
    @Override
    public void onDtmf(char digit) {
      leg(
          after -> {
            if (t.status != TransferStatus.WHISPER || !t.plan.acceptance().byKey()) {
              return;
            }
            t.ringTimer.cancel();
            if (t.plan.acceptance().answer(digit) == TransferAcceptance.Answer.ACCEPTED) {
              bridge(after);
            } else {
              failTransfer(t, TransferFailure.AGENT_REJECTED, after);
            }
          });
    }

    private void onKeyTimeout(Transfer t) {
      leg(
          after -> {
            if (t.status == TransferStatus.WHISPER) {
              failTransfer(t, TransferFailure.AGENT_REJECTED, after);
            }
          });
    }

    private void bridge(List<Runnable> after) {
      try {
        provider.bridge(handle, t.leg);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "provider " + provider.name() + " could not bridge " + callId(), e);
        failTransfer(
            t,
            e instanceof UnsupportedOperationException
                ? TransferFailure.CARRIER_REFUSED
                : TransferFailure.PROVIDER_ERROR,
            after);
        return;
      }
      report(t, TransferStatus.BRIDGED, Optional.empty(), after);
    }

    @Override
    public void onRemoteHangUp() {
      leg(
          after -> {
            if (t.status == TransferStatus.BRIDGED) {
              // the human hung up: the call is over for the callee too
              report(t, TransferStatus.ENDED, Optional.empty(), after);
              hangUpHandle();
              finish(transferredDisposition(), EndReason.REMOTE_HANG_UP, Optional.empty(), after);
            } else {
              failTransfer(t, TransferFailure.AGENT_REJECTED, after);
            }
          });
    }

    @Override
    public void onNoAnswer() {
      leg(after -> failTransfer(t, TransferFailure.AGENT_NO_ANSWER, after));
    }

    @Override
    public void onBusy() {
      leg(after -> failTransfer(t, TransferFailure.AGENT_REJECTED, after));
    }

    @Override
    public void onFailed(CallFailure failure) {
      leg(
          after -> {
            if (t.status == TransferStatus.BRIDGED) {
              report(t, TransferStatus.ENDED, Optional.empty(), after);
              hangUpHandle();
              finish(
                  transferredDisposition(),
                  EndReason.PROVIDER_FAILURE,
                  Optional.of(failure),
                  after);
            } else {
              failTransfer(t, TransferFailure.PROVIDER_ERROR, after);
            }
          });
    }
  }

  /** A call handed to a human: the agent's verdict if it reached one, else an interested lead. */
  private Disposition transferredDisposition() {
    if (doNotCall) {
      return Disposition.DO_NOT_CALL;
    }
    return agentDisposition != null && agentDisposition != Disposition.CALLBACK_REQUESTED
        ? agentDisposition
        : Disposition.HUMAN_INTERESTED;
  }

  void begin() {
    // The lock is held across placeCall so that events a provider delivers on other threads before
    // placeCall returns wait until the handle is known.
    List<Runnable> after = new ArrayList<>(1);
    lock.lock();
    try {
      startedAt = clock.instant();
      ringTimer = scheduler.schedule(this::onRingTimeout, limits.ringTimeout());
      try {
        handle = provider.placeCall(request, new Listener());
      } catch (ProviderUnavailableException e) {
        ringTimer.cancel();
        state = State.FINISHED;
        throw e;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "provider " + provider.name() + " failed to place " + callId(), e);
        finish(
            Disposition.FAILED,
            EndReason.PROVIDER_FAILURE,
            Optional.of(CallFailure.of(CallFailure.Reason.PROVIDER_ERROR, e.toString())),
            after);
      }
    } finally {
      lock.unlock();
    }
    after.forEach(Runnable::run);
  }

  /** Runs one event under the lock unless the call finished, then its deferred actions. */
  private void event(Consumer<List<Runnable>> body) {
    List<Runnable> after = new ArrayList<>(2);
    lock.lock();
    try {
      if (state != State.FINISHED) {
        body.accept(after);
      }
    } finally {
      lock.unlock();
    }
    for (Runnable action : after) {
      action.run();
    }
  }

  private final class Listener implements CallListener {
    @Override
    public void onRinging() {
      event(
          after -> {
            ringingSeen = true;
            if (state == State.PLACING) {
              state = State.RINGING;
            }
          });
    }

    @Override
    public void onAnswered(AnsweredBy by) {
      event(
          after -> {
            if (state != State.PLACING && state != State.RINGING) {
              return;
            }
            ringTimer.cancel();
            maxTimer = scheduler.schedule(CallSession.this::onMaxDuration, limits.maxDuration());
            answeredBy = by;
            Optional<Transfer> waiting = waitingTransfer();
            if (by == AnsweredBy.MACHINE) {
              state = State.AWAITING_BEEP;
              waiting.ifPresent(
                  t ->
                      report(
                          t,
                          TransferStatus.FAILED,
                          Optional.of(TransferFailure.NOT_CONVERSING),
                          after));
            } else if (waiting.isPresent()) {
              // ordered while it rang: the person is put through at once
              state = State.CONVERSATION;
              startTransfer(waiting.get(), after);
            } else {
              // Unknown is treated as a person: greeting a machine costs little, staying silent
              // to a person loses them.
              state = State.CONVERSATION;
              open(after);
            }
          });
    }

    @Override
    public void onAnsweredByDetected(AnsweredBy by) {
      event(
          after -> {
            if (answeredBy == null) {
              return;
            }
            answeredBy = by;
            if (by == AnsweredBy.MACHINE && state == State.CONVERSATION) {
              cancelAgent(after); // whatever the agent is preparing was meant for a person
              closing = false;
              openingTimer.cancel();
              state = State.AWAITING_BEEP;
            } else if (by == AnsweredBy.HUMAN && state == State.AWAITING_BEEP) {
              state = State.CONVERSATION;
              open(after);
            }
          });
    }

    @Override
    public void onMachineBeep() {
      event(
          after -> {
            if (state != State.AWAITING_BEEP && state != State.CONVERSATION) {
              return;
            }
            // A beep means a machine, whatever detection said at answer.
            answeredBy = AnsweredBy.MACHINE;
            cancelAgent(after);
            Optional<String> message = script.voicemailText();
            if (message.isEmpty()) {
              hangUpHandle();
              finish(Disposition.VOICEMAIL, EndReason.AGENT_HANG_UP, Optional.empty(), after);
              return;
            }
            state = State.LEAVING_VOICEMAIL;
            transcript.add(Turn.assistant(message.get()));
            unplayed++;
            handle.speakReusable(message.get(), script.voice());
          });
    }

    @Override
    public void onUtterance(String text) {
      event(
          after -> {
            if (state != State.CONVERSATION || text == null || text.isBlank()) {
              return;
            }
            transcript.add(Turn.user(text.strip()));
            openingTimer.cancel();
            if (closing || (transfer != null && transfer.active())) {
              return; // on hold or bridged: the human answers, not the agent
            }
            if (agentBusy) {
              agentAgain = true;
            } else {
              requestAgent(after);
            }
          });
    }

    @Override
    public void onSpeechFinished(boolean interrupted) {
      event(
          after -> {
            unplayed = Math.max(0, unplayed - 1);
            if (state == State.CONVERSATION
                && transfer != null
                && transfer.active()
                && transfer.referAfterLine) {
              if (transfer.linesAhead > 0) {
                transfer.linesAhead--; // an earlier line: COLD_LINE comes after it
              } else {
                refer(transfer, after);
              }
            } else if (state == State.LEAVING_VOICEMAIL && unplayed == 0) {
              // the voicemail is the last line given: lines of a conversation that turned out to
              // be a machine's (cut by its beep, or still playing) finish before it
              voicemailLeft = !interrupted;
              hangUpHandle();
              finish(Disposition.VOICEMAIL, EndReason.AGENT_HANG_UP, Optional.empty(), after);
            } else if (state == State.CONVERSATION && closing && (interrupted || unplayed == 0)) {
              // every line given has played (or the callee cut in): the closing line included
              hangUpHandle();
              finish(conversationDisposition(), EndReason.AGENT_HANG_UP, Optional.empty(), after);
            } else if (state == State.CONVERSATION && interrupted && !streamedSentences.isEmpty()) {
              bargeIn(after);
            }
          });
    }

    @Override
    public void onRemoteHangUp() {
      event(
          after ->
              finish(
                  answeredDisposition().orElse(Disposition.NO_ANSWER),
                  EndReason.REMOTE_HANG_UP,
                  Optional.empty(),
                  after));
    }

    @Override
    public void onNoAnswer() {
      event(
          after -> {
            Optional<Disposition> answered = answeredDisposition();
            finish(
                answered.orElse(Disposition.NO_ANSWER),
                answered.isPresent() ? EndReason.REMOTE_HANG_UP : EndReason.NOT_REACHED,
                Optional.empty(),
                after);
          });
    }

    @Override
    public void onBusy() {
      event(
          after -> {
            Optional<Disposition> answered = answeredDisposition();
            finish(
                answered.orElse(Disposition.BUSY),
                answered.isPresent() ? EndReason.REMOTE_HANG_UP : EndReason.NOT_REACHED,
                Optional.empty(),
                after);
          });
    }

    @Override
    public void onFailed(CallFailure failure) {
      event(
          after -> {
            // A conversation that already reached a verdict keeps it; the failure is still noted.
            Disposition disposition =
                state == State.CONVERSATION && (agentDisposition != null || doNotCall)
                    ? conversationDisposition()
                    : Disposition.FAILED;
            finish(disposition, EndReason.PROVIDER_FAILURE, Optional.of(failure), after);
          });
    }
  }

  private void onRingTimeout() {
    event(
        after -> {
          if (state != State.PLACING && state != State.RINGING) {
            return;
          }
          hangUpHandle();
          if (ringingSeen) {
            finish(Disposition.NO_ANSWER, EndReason.RING_TIMEOUT, Optional.empty(), after);
          } else {
            finishWithReason(
                Disposition.TIMEOUT, EndReason.RING_TIMEOUT, ErrorReason.NO_RESPONSE, after);
          }
        });
  }

  private void onMaxDuration() {
    event(
        after -> {
          hangUpHandle();
          finish(
              answeredDisposition().orElse(Disposition.TIMEOUT),
              EndReason.MAX_DURATION,
              Optional.empty(),
              after);
        });
  }

  /**
   * Starts the conversation once a person answered: the agent opens at once, or, when it lets the
   * callee speak first, at the callee's first words or after {@link CallLimits#openingWait()} of
   * silence, whichever comes first.
   */
  private void open(List<Runnable> after) {
    boolean calleeSpoke = transcript.stream().anyMatch(t -> t.role() == Role.USER);
    if (script.firstMessage() == FirstMessageMode.ASSISTANT_WAITS_FOR_USER && !calleeSpoke) {
      openingTimer.cancel();
      openingTimer = scheduler.schedule(this::onOpeningWait, limits.openingWait());
      return;
    }
    requestAgent(after);
  }

  private void onOpeningWait() {
    event(
        after -> {
          if (state == State.CONVERSATION && !agentBusy && assistantTurns() == 0) {
            requestAgent(after);
          }
        });
  }

  private long assistantTurns() {
    return transcript.stream().filter(t -> t.role() == Role.ASSISTANT).count();
  }

  /**
   * The callee spoke over a reply that is still streaming: the model's stream is cancelled at once
   * (the carrier already dropped the queued audio and its pending syntheses), what was spoken stays
   * in the transcript, and the callee's words, once transcribed, ask for a new reply.
   */
  private void bargeIn(List<Runnable> after) {
    List<String> spoken = List.copyOf(streamedSentences);
    boolean pending = agentAgain;
    cancelAgent(after);
    if (!spoken.isEmpty()) {
      transcript.add(Turn.assistant(String.join(" ", spoken)));
    }
    if (pending) {
      requestAgent(after);
    }
  }

  /** Forgets the reply in progress and stops its stream, if the agent streams. */
  private void cancelAgent(List<Runnable> after) {
    agentGeneration++;
    agentBusy = false;
    streamedSentences.clear();
    CompletableFuture<AgentReply> stream = agentStream;
    agentStream = null;
    if (stream != null) {
      after.add(() -> stream.cancel(true));
    }
  }

  /** Gives a line to the carrier, counting it until it has been played out or cut off. */
  private void speak(String text) {
    unplayed++;
    handle.speak(text, script.voice());
  }

  /** A complete sentence of the reply being streamed: spoken at once, in order. */
  private void onAgentSentence(long generation, String sentence) {
    event(
        after -> {
          if (generation != agentGeneration || state != State.CONVERSATION) {
            return;
          }
          streamedSentences.add(sentence);
          speak(sentence);
        });
  }

  private void requestAgent(List<Runnable> after) {
    agentBusy = true;
    agentAgain = false;
    streamedSentences.clear();
    long generation = ++agentGeneration;
    Conversation conversation =
        new Conversation(
            script,
            answeredBy == null ? AnsweredBy.UNKNOWN : answeredBy,
            transcript,
            clock.instant());
    after.add(
        () -> {
          CompletionStage<AgentReply> reply;
          try {
            reply = agent.reply(conversation, sentence -> onAgentSentence(generation, sentence));
          } catch (RuntimeException e) {
            onAgentReply(generation, null, e);
            return;
          }
          CompletableFuture<AgentReply> future = reply.toCompletableFuture();
          boolean stale;
          lock.lock();
          try {
            stale = generation != agentGeneration || state == State.FINISHED;
            if (!stale) {
              agentStream = future;
            }
          } finally {
            lock.unlock();
          }
          if (stale) {
            future.cancel(true);
            return;
          }
          future.whenComplete((r, e) -> onAgentReply(generation, r, e));
        });
  }

  private void onAgentReply(long generation, AgentReply reply, Throwable error) {
    event(
        after -> {
          if (generation != agentGeneration || state != State.CONVERSATION) {
            return;
          }
          agentBusy = false;
          agentStream = null;
          boolean streamed = !streamedSentences.isEmpty();
          streamedSentences.clear();
          if (error != null || reply == null) {
            LOG.log(Level.WARNING, "agent " + agent.name() + " failed on " + callId(), error);
            hangUpHandle();
            if (agentDisposition != null || doNotCall) {
              finish(conversationDisposition(), EndReason.AGENT_FAILURE, Optional.empty(), after);
            } else {
              finishWithReason(
                  Disposition.FAILED, EndReason.AGENT_FAILURE, ErrorReason.AGENT_ERROR, after);
            }
            return;
          }
          for (Intent intent : reply.intents()) {
            intents.add(intent);
            if (intent.intent().equals(Intent.DO_NOT_CALL)
                && intent.confidence() >= DO_NOT_CALL_CONFIDENCE) {
              optOut(after);
            }
          }
          boolean wantsTransfer =
              reply.intents().stream()
                  .anyMatch(
                      i ->
                          i.intent().equals(Intent.TRANSFER)
                              && i.confidence() >= TRANSFER_CONFIDENCE);
          if (wantsTransfer && !transferAsked && transfer == null) {
            transferAsked = true;
            after.add(() -> notify(observer::transferWanted));
          }
          reply.disposition().ifPresent(d -> agentDisposition = d);
          if (agentDisposition == Disposition.DO_NOT_CALL) {
            optOut(after);
          }
          closing = reply.endCall();
          if (reply.say().isPresent()) {
            // the campaign's greeting opens every call alike: a carrier may keep its audio
            boolean greeting =
                transcript.stream().noneMatch(t -> t.role() == Role.ASSISTANT)
                    && script.greeting().filter(g -> reply.say().get().startsWith(g)).isPresent();
            transcript.add(Turn.assistant(reply.say().get()));
            if (!streamed && greeting) {
              unplayed++;
              handle.speakReusable(reply.say().get(), script.voice());
            } else if (!streamed) {
              speak(reply.say().get());
            } else if (closing && unplayed == 0) { // every line given already played out
              hangUpHandle();
              finish(conversationDisposition(), EndReason.AGENT_HANG_UP, Optional.empty(), after);
              return;
            }
          } else {
            hangUpHandle();
            finish(conversationDisposition(), EndReason.AGENT_HANG_UP, Optional.empty(), after);
            return;
          }
          if (!closing && agentAgain) {
            requestAgent(after);
          }
        });
  }

  /** The disposition of an answered call ended now, empty when nobody answered yet. */
  private Optional<Disposition> answeredDisposition() {
    return switch (state) {
      case CONVERSATION -> Optional.of(conversationDisposition());
      case AWAITING_BEEP, LEAVING_VOICEMAIL -> Optional.of(Disposition.VOICEMAIL);
      default -> Optional.empty();
    };
  }

  private Disposition conversationDisposition() {
    if (doNotCall) {
      return Disposition.DO_NOT_CALL;
    }
    if (bridgedOnce) {
      return transferredDisposition();
    }
    if (agentDisposition != null) {
      return agentDisposition;
    }
    // The callee hung up before the agent concluded: the latest intent heard is the best verdict.
    for (int i = intents.size() - 1; i >= 0; i--) {
      Disposition d = INTENT_DISPOSITIONS.get(intents.get(i).intent());
      if (d != null) {
        return d;
      }
    }
    return Disposition.HUMAN_NOT_INTERESTED;
  }

  private void hangUpHandle() {
    if (handle == null) {
      return;
    }
    try {
      handle.hangUp();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "hang-up of " + callId() + " failed", e);
    }
  }

  /** What the carrier measured; a provider that fails to say costs the call nothing else. */
  private MediaQuality quality() {
    if (handle == null) {
      return MediaQuality.NONE;
    }
    try {
      return handle.quality();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "provider could not report media quality of " + callId(), e);
      return MediaQuality.NONE;
    }
  }

  /** Notes the callee's do-not-call request, and tells the observer at once (the first time). */
  private void optOut(List<Runnable> after) {
    if (doNotCall) {
      return;
    }
    doNotCall = true;
    Instant heard = clock.instant();
    after.add(
        () -> {
          try {
            observer.optedOut(heard);
          } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "do-not-call handler failed for " + callId(), e);
          }
        });
  }

  private void finishWithReason(
      Disposition disposition, EndReason reason, ErrorReason failureReason, List<Runnable> after) {
    complete(disposition, reason, Optional.of(failureReason), Optional.empty(), after);
  }

  private void finish(
      Disposition disposition,
      EndReason reason,
      Optional<CallFailure> failure,
      List<Runnable> after) {
    failure.ifPresent(
        f ->
            LOG.log(
                Level.DEBUG,
                () -> "call " + callId() + " failed: " + f.reason().wireName() + " " + f.detail()));
    complete(
        disposition,
        reason,
        failure.map(f -> f.reason().errorReason()),
        failure.flatMap(CallFailure::providerStatus),
        after);
  }

  private void complete(
      Disposition disposition,
      EndReason reason,
      Optional<ErrorReason> failureReason,
      Optional<Integer> providerStatus,
      List<Runnable> after) {
    state = State.FINISHED;
    if (transfer != null && transfer.active()) {
      Transfer t = transfer;
      t.ringTimer.cancel();
      hangUpLeg(t);
      if (t.status == TransferStatus.BRIDGED) {
        report(t, TransferStatus.ENDED, Optional.empty(), after);
      } else {
        report(t, TransferStatus.FAILED, Optional.of(TransferFailure.CALL_ENDED), after);
      }
    }
    ringTimer.cancel();
    maxTimer.cancel();
    openingTimer.cancel();
    CompletableFuture<AgentReply> stream = agentStream;
    agentStream = null;
    if (stream != null) {
      after.add(() -> stream.cancel(true));
    }
    Instant endedAt = clock.instant();
    if (endedAt.isBefore(startedAt)) {
      endedAt = startedAt; // a clock stepped backwards must not make a negative duration
    }
    CallOutcome result =
        new CallOutcome(
            callId(),
            doNotCall ? Disposition.DO_NOT_CALL : disposition,
            reason,
            Optional.ofNullable(answeredBy),
            startedAt,
            endedAt,
            transcript,
            intents,
            failureReason,
            providerStatus,
            doNotCall,
            voicemailLeft,
            quality());
    outcome = result;
    after.add(
        () -> {
          try {
            observer.finished(result);
          } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "outcome handler failed for " + callId(), e);
          }
        });
  }
}
