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
 */
public final class SimulatedCall implements CallHandle {
  private static final Pattern DTMF = Pattern.compile("[0-9*#A-D]+");

  /** What a person says when nobody speaks after they answered. */
  static final String HELLO = "Hello?";

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
  private final List<Cancellable> pending = new ArrayList<>();
  private final List<String> heard = new ArrayList<>();
  private Phase phase = Phase.DIALING;
  private int nextLine;
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
      later(this::speechFinished, talkTime(text));
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
    later(() -> end(CallListener::onRemoteHangUp), config.maxRecording());
    return Optional.of(CallListener::onMachineBeep);
  }

  private Optional<Consumer<CallListener>> speechFinished() {
    if (phase == Phase.TALKING) {
      List<String> lines = persona.lines();
      if (nextLine < lines.size()) {
        String line = lines.get(nextLine++);
        later(() -> talking(() -> utter(line)), jitter(config.responseDelay()));
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
    if (phase != Phase.TALKING || !heard.isEmpty()) {
      return Optional.empty();
    }
    return utter(HELLO);
  }

  private Optional<Consumer<CallListener>> utter(String line) {
    return Optional.of(l -> l.onUtterance(line));
  }

  private Optional<Consumer<CallListener>> end(Consumer<CallListener> event) {
    endLocked();
    return Optional.of(event);
  }

  private void endLocked() {
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
    Runnable task =
        () -> {
          Optional<Consumer<CallListener>> event;
          synchronized (this) {
            pending.remove(self[0]);
            if (phase == Phase.ENDED) {
              return;
            }
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
