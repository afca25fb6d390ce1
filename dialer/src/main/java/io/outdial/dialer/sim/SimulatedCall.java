package io.outdial.dialer.sim;

import io.outdial.core.call.AnsweredBy;
import io.outdial.core.campaign.Voice;
import io.outdial.core.id.CallId;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.Cancellable;
import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ReferResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One simulated call: a small state machine whose every step is a scheduled task. State changes
 * happen under the call's lock; listener events are delivered outside it, so the dialer may call
 * back into the handle from its own lock without deadlock. Once the call has ended (either side
 * hung up, or the carrier's verdict) no task delivers anything.
 *
 * <p>The call keeps its own simulated clock: each step happens at the simulated time it was
 * scheduled for, and the dialer's reactions take no simulated time. What it reports in {@link
 * #quality()} is measured on that clock, as a carrier with audio measures its call on the wire, so
 * it does not depend on {@link SimulatorConfig#timeScale()} or on how busy the machine is.
 */
public final class SimulatedCall implements CallHandle {
  private static final Pattern DTMF = Pattern.compile("[0-9*#A-D]+");

  /** What a person says when nobody speaks after they answered. */
  static final String HELLO = "Hello?";

  /** Per-turn measures kept, as the SIP carrier keeps them. */
  static final int MAX_TURNS_MEASURED = 200;

  /** What {@link #heardByCallee()} notes while the callee is on hold. */
  public static final String HOLD_AUDIO = "[hold audio]";

  /** What a callee bridged with a human answers the human's first words. */
  static final String TO_HUMAN = "Thank you, that sounds good.";

  private enum Phase {
    DIALING,
    RINGING,
    TALKING,
    MACHINE_GREETING,
    RECORDING,
    HOLDING,
    BRIDGED,
    ENDED
  }

  private final CallId callId;
  private final SimulatorConfig config;
  private final EventScheduler scheduler;
  private final CallListener listener;
  private final SplittableRandom random;
  private final SimulatedOutcome outcome;
  private final Persona persona;
  private final boolean slowAgent;
  private final List<Cancellable> pending = new ArrayList<>();
  private final List<String> heard = new ArrayList<>();
  private Phase phase = Phase.DIALING;
  private int nextLine;
  private boolean calleeTalking; // a line of the person's is under way

  // the simulated clock, in nanoseconds since the call was placed, and what was measured on it
  private long now;
  private long answeredAt = -1;
  private long firstAudioAt = -1; // may lie ahead of the clock: the line's audio is on its way
  private long endedAt = -1;
  private long lastSpeechEndBeforeAudio = -1;
  private long turnEndedAt = -1; // the end of the callee's turn the agent has not answered yet
  private final List<Duration> voiceToVoice = new ArrayList<>();
  private final List<Duration> endpointing = new ArrayList<>();

  private SimulatedHumanLeg peer; // once bridged
  private boolean answeredPeer;

  SimulatedCall(
      CallId callId,
      SimulatorConfig config,
      EventScheduler scheduler,
      CallListener listener,
      long seed,
      Optional<TestNumbers.Fate> fate) {
    this.callId = callId;
    this.config = config;
    this.scheduler = scheduler;
    this.listener = listener;
    this.random = new SplittableRandom(seed);
    SimulatedOutcome drawnOutcome =
        config.outcomes().pick(random.nextDouble(), SimulatedOutcome.class);
    Persona drawnPersona = config.personas().pick(random.nextDouble(), Persona.class);
    this.outcome = fate.map(TestNumbers.Fate::outcome).orElse(drawnOutcome);
    this.persona = fate.map(TestNumbers.Fate::persona).orElse(drawnPersona);
    this.slowAgent = fate.map(TestNumbers.Fate::slowAgent).orElse(false);
  }

  @Override
  public CallId callId() {
    return callId;
  }

  /** The fate drawn for this call. */
  public SimulatedOutcome plannedOutcome() {
    return outcome;
  }

  /** Who answers if a person does ({@link SimulatedOutcome#HUMAN}). */
  public Persona persona() {
    return persona;
  }

  /** What the callee (person or machine) heard the agent say, in order. */
  public synchronized List<String> heardByCallee() {
    return List.copyOf(heard);
  }

  /** Whether the call is over. */
  public synchronized boolean ended() {
    return phase == Phase.ENDED;
  }

  synchronized void start() {
    switch (outcome) {
      case HUMAN, VOICEMAIL -> {
        later(this::ring, config.signallingDelay().dividedBy(4));
        later(this::answer, jitter(config.ringTime()));
      }
      case NO_ANSWER -> {
        later(this::ring, config.signallingDelay().dividedBy(4));
        later(() -> end(CallListener::onNoAnswer), config.noAnswerAfter());
      }
      case BUSY -> later(() -> end(CallListener::onBusy), config.signallingDelay());
      case FAILED ->
          later(
              () ->
                  end(
                      l ->
                          l.onFailed(
                              CallFailure.of(
                                  CallFailure.Reason.PROVIDER_ERROR,
                                  503,
                                  "simulated carrier failure"))),
              config.signallingDelay());
    }
  }

  @Override
  public void speak(String text, Voice voice) {
    speak(text, voice, false);
  }

  /** Cached audio: starts at once, without the reply delay. */
  @Override
  public void speakReusable(String text, Voice voice) {
    speak(text, voice, true);
  }

  private void speak(String text, Voice voice, boolean cached) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(voice, "voice");
    synchronized (this) {
      if (phase == Phase.ENDED || phase == Phase.DIALING || phase == Phase.RINGING) {
        return;
      }
      if (phase == Phase.HOLDING) {
        phase = Phase.TALKING; // spoken to again: the hold is over
      }
      heard.add(text);
      Duration delay =
          slowAgent ? config.slowAgent() : cached ? Duration.ZERO : jitter(config.replyDelay());
      // one step per line, as without the delay: the audio's start is known now
      audioStarts(now + delay.toNanos());
      later(this::speechFinished, delay.plus(talkTime(text)));
    }
  }

  /** The callee hears the first audio of a line of the agent's at {@code at}. */
  private void audioStarts(long at) {
    if (firstAudioAt < 0) {
      firstAudioAt = at;
    }
    if (turnEndedAt >= 0) {
      if (voiceToVoice.size() < MAX_TURNS_MEASURED) {
        voiceToVoice.add(Duration.ofNanos(at - turnEndedAt));
      }
      turnEndedAt = -1;
    }
  }

  /** The callee hears hold audio (noted in {@link #heardByCallee()}) and says nothing. */
  @Override
  public void hold() {
    synchronized (this) {
      if (phase == Phase.TALKING) {
        phase = Phase.HOLDING;
        heard.add(HOLD_AUDIO);
      }
    }
  }

  /**
   * Measured on the call's simulated clock: the answer, the first audio of the agent, the ends of
   * the callee's turns (a machine's greeting ends with its beep). The verdict on who answered comes
   * with the answer, so machine detection takes no time here.
   */
  @Override
  public synchronized MediaQuality quality() {
    if (answeredAt < 0) {
      return MediaQuality.NONE;
    }
    // audio still on its way when the call ended was never heard
    long heardAt = endedAt >= 0 && firstAudioAt > endedAt ? -1 : firstAudioAt;
    Optional<Duration> firstAudio = since(answeredAt, heardAt);
    // never heard: the silence lasted until the call ended (a person who hangs up at once met none)
    Optional<Duration> deadAir =
        since(Math.max(answeredAt, lastSpeechEndBeforeAudio), heardAt >= 0 ? heardAt : endedAt);
    return new MediaQuality(
        firstAudio, Optional.of(Duration.ZERO), deadAir, voiceToVoice, endpointing);
  }

  private static Optional<Duration> since(long from, long to) {
    return to < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, to - from)));
  }

  /**
   * Referral to another number: accepted after the signalling delay, unless the address's user part
   * says {@code refuse} (403).
   */
  @Override
  public CompletionStage<ReferResult> refer(TargetAddress to) {
    Objects.requireNonNull(to, "to");
    CompletableFuture<ReferResult> answer = new CompletableFuture<>();
    boolean refused = SimulatedHumanLeg.userPart(to).contains("refuse");
    scheduler.schedule(
        () -> answer.complete(refused ? ReferResult.refused(403) : ReferResult.accepted(202)),
        config.scaled(config.signallingDelay()));
    return answer;
  }

  /** Bridged with a simulated human: the callee hears them and answers them once. */
  void bridgeTo(SimulatedHumanLeg human) {
    synchronized (this) {
      if (phase == Phase.ENDED) {
        return;
      }
      phase = Phase.BRIDGED;
      peer = human;
    }
  }

  /** The bridged human said {@code text}. */
  void hearFromPeer(String text) {
    synchronized (this) {
      if (phase != Phase.BRIDGED) {
        return;
      }
      heard.add(text);
      if (answeredPeer) {
        return;
      }
      answeredPeer = true;
      later(() -> bridgedUtterance(TO_HUMAN), jitter(config.responseDelay()));
    }
  }

  private Optional<Consumer<CallListener>> bridgedUtterance(String line) {
    if (phase != Phase.BRIDGED) {
      return Optional.empty();
    }
    SimulatedHumanLeg human = peer;
    return Optional.of(
        l -> {
          l.onUtterance(line);
          human.hearFromPeer(line);
        });
  }

  @Override
  public void hangUp() {
    synchronized (this) {
      endLocked();
    }
  }

  @Override
  public void sendDtmf(String digits) {
    if (digits == null || !DTMF.matcher(digits).matches()) {
      throw new IllegalArgumentException("DTMF digits must be 0-9, *, #, A-D: " + digits);
    }
    // The simulated callees ignore key presses; accepting them lets callers exercise the path.
  }

  private Optional<Consumer<CallListener>> ring() {
    if (phase != Phase.DIALING) {
      return Optional.empty();
    }
    phase = Phase.RINGING;
    return Optional.of(CallListener::onRinging);
  }

  private Optional<Consumer<CallListener>> answer() {
    answeredAt = now;
    if (outcome == SimulatedOutcome.HUMAN) {
      phase = Phase.TALKING;
      // a person who hears nothing after picking up asks whether anyone is there
      later(this::helloIfSilent, config.responseDelay().multipliedBy(2));
      return Optional.of(l -> l.onAnswered(AnsweredBy.HUMAN));
    }
    phase = Phase.MACHINE_GREETING;
    later(this::beep, config.voicemailGreeting());
    return Optional.of(l -> l.onAnswered(AnsweredBy.MACHINE));
  }

  private Optional<Consumer<CallListener>> beep() {
    phase = Phase.RECORDING;
    calleeStoppedSpeaking(now); // the machine's greeting
    later(() -> end(CallListener::onRemoteHangUp), config.maxRecording());
    return Optional.of(CallListener::onMachineBeep);
  }

  private Optional<Consumer<CallListener>> speechFinished() {
    // a person still saying something finishes it before answering again or hanging up
    if (phase == Phase.TALKING && !calleeTalking) {
      List<String> lines = persona.lines();
      if (nextLine < lines.size()) {
        say(lines.get(nextLine++), jitter(config.responseDelay()));
      } else {
        // Nothing left to say: a person hangs up once the agent has said its last word.
        later(
            () -> talking(() -> end(CallListener::onRemoteHangUp)), jitter(config.responseDelay()));
      }
    }
    return Optional.of(l -> l.onSpeechFinished(false));
  }

  /**
   * A person's step that only happens while they talk with the agent (not on hold, not bridged).
   */
  private Optional<Consumer<CallListener>> talking(StepSupplier step) {
    return phase == Phase.TALKING ? step.run() : Optional.empty();
  }

  private Optional<Consumer<CallListener>> helloIfSilent() {
    if (phase == Phase.TALKING && heard.isEmpty()) {
      say(HELLO, Duration.ZERO);
    }
    return Optional.empty();
  }

  /**
   * The person starts {@code line} after {@code pause}, talks for its talk time, and the carrier
   * reports it once the end-of-turn silence has passed.
   */
  private void say(String line, Duration pause) {
    Duration talk = talkTime(line);
    calleeTalking = true;
    later(
        () -> {
          calleeTalking = false;
          if (phase != Phase.TALKING) { // put on hold or bridged meanwhile
            return Optional.empty();
          }
          long speechEnd = now - config.endpointing().toNanos();
          calleeStoppedSpeaking(speechEnd);
          if (endpointing.size() < MAX_TURNS_MEASURED) {
            endpointing.add(config.endpointing());
          }
          turnEndedAt = speechEnd;
          return Optional.of(l -> l.onUtterance(line));
        },
        pause.plus(talk).plus(config.endpointing()));
  }

  private void calleeStoppedSpeaking(long at) {
    if (firstAudioAt < 0 || at <= firstAudioAt) {
      lastSpeechEndBeforeAudio = Math.max(lastSpeechEndBeforeAudio, at);
    }
  }

  private Optional<Consumer<CallListener>> end(Consumer<CallListener> event) {
    endLocked();
    return Optional.of(event);
  }

  private void endLocked() {
    if (phase != Phase.ENDED) {
      endedAt = now;
    }
    phase = Phase.ENDED;
    pending.forEach(Cancellable::cancel);
    pending.clear();
  }

  /**
   * Schedules a step. The step runs under the lock and returns the event to deliver, which is then
   * delivered outside it; a step of a call that ended meanwhile delivers nothing.
   */
  private void later(StepSupplier step, Duration simulatedDelay) {
    Cancellable[] self = new Cancellable[1];
    long due;
    synchronized (this) {
      due = now + simulatedDelay.toNanos();
    }
    Runnable task =
        () -> {
          Optional<Consumer<CallListener>> event;
          synchronized (this) {
            pending.remove(self[0]);
            if (phase == Phase.ENDED) {
              return;
            }
            now = Math.max(now, due);
            event = step.run();
          }
          event.ifPresent(e -> e.accept(listener));
        };
    Cancellable handle = scheduler.schedule(task, config.scaled(simulatedDelay));
    synchronized (this) {
      self[0] = handle;
      pending.add(handle);
    }
  }

  private Duration talkTime(String text) {
    int words = text.strip().split("\\s+").length;
    return Duration.ofMillis(Math.round(words * 1000 / config.wordsPerSecond()));
  }

  private Duration jitter(Duration base) {
    return Duration.ofNanos(Math.round(base.toNanos() * (0.5 + random.nextDouble())));
  }

  @FunctionalInterface
  private interface StepSupplier {
    Optional<Consumer<CallListener>> run();
  }
}
