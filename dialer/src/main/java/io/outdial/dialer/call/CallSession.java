package io.outdial.dialer.call;

import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.contact.Disposition;
import io.outdial.core.id.CallId;
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
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ProviderUnavailableException;
import io.outdial.dialer.spi.TelephonyProvider;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
  private int speaking; // lines of the latest reply not yet played out or cut off
  private boolean closing;
  private boolean voicemailLeft;
  private Cancellable ringTimer = () -> {};
  private Cancellable maxTimer = () -> {};
  private Cancellable openingTimer = () -> {};
  private CallOutcome outcome;

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
            if (by == AnsweredBy.MACHINE) {
              state = State.AWAITING_BEEP;
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
            speaking++;
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
            if (closing) {
              return;
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
            speaking = Math.max(0, speaking - 1);
            if (state == State.LEAVING_VOICEMAIL) {
              voicemailLeft = !interrupted;
              hangUpHandle();
              finish(Disposition.VOICEMAIL, EndReason.AGENT_HANG_UP, Optional.empty(), after);
            } else if (state == State.CONVERSATION && closing && (interrupted || speaking == 0)) {
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
    speaking++;
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
    speaking = 0; // a closing reply waits for its own lines; earlier ones were heard or cut
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
              speaking++;
              handle.speakReusable(reply.say().get(), script.voice());
            } else if (!streamed) {
              speak(reply.say().get());
            } else if (closing && speaking == 0) { // every streamed sentence already played out
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
