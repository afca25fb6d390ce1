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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated human taking a warm transfer: the second leg of a simulated call. The address decides
 * their fate: a user part containing {@code noanswer} never picks up, {@code busy} is busy, {@code
 * fail} fails (503); anyone else answers after half the ring time, listens to the whisper, and once
 * bridged greets the callee, hears their answer, says goodbye and hangs up. A whisper that ends
 * "Press 1 to take the call." is answered with that key once it has played (after a response
 * delay), except by {@code nokey} (presses nothing: a voicemail) and {@code wrongkey} (presses
 * another key). Like {@link SimulatedCall}, steps run under the leg's lock and events are delivered
 * outside it.
 */
public final class SimulatedHumanLeg implements CallHandle {
  /** The human's first words once bridged. */
  static final String GREETING = "Hi, this is a colleague from the team. I can take it from here.";

  /** The human's last words before hanging up. */
  static final String GOODBYE = "Great, I will send you the details today. Goodbye!";

  private enum Phase {
    DIALING,
    ANSWERED,
    BRIDGED,
    ENDED
  }

  private final CallId callId;
  private final TargetAddress address;
  private final SimulatorConfig config;
  private final EventScheduler scheduler;
  private final CallListener listener;
  private final List<Cancellable> pending = new ArrayList<>();
  private final List<String> heard = new ArrayList<>();
  private Phase phase = Phase.DIALING;
  private SimulatedCall peer;

  SimulatedHumanLeg(
      CallId callId,
      TargetAddress address,
      SimulatorConfig config,
      EventScheduler scheduler,
      CallListener listener) {
    this.callId = callId;
    this.address = address;
    this.config = config;
    this.scheduler = scheduler;
    this.listener = listener;
  }

  /** The user part of a SIP URI, or the number, in lower case. */
  static String userPart(TargetAddress address) {
    String value = address.value().toLowerCase(Locale.ROOT);
    int colon = value.indexOf(':');
    int at = value.indexOf('@');
    return at > colon ? value.substring(colon + 1, at) : value;
  }

  @Override
  public CallId callId() {
    return callId;
  }

  public TargetAddress address() {
    return address;
  }

  /** What the human heard, in order: the whisper, then the callee's words once bridged. */
  public synchronized List<String> heardByHuman() {
    return List.copyOf(heard);
  }

  /** Whether the leg is bridged with the callee now. */
  public synchronized boolean bridged() {
    return phase == Phase.BRIDGED;
  }

  /** Whether the leg is over. */
  public synchronized boolean ended() {
    return phase == Phase.ENDED;
  }

  synchronized void start() {
    String user = userPart(address);
    if (user.contains("noanswer")) {
      later(() -> end(CallListener::onNoAnswer), config.noAnswerAfter());
    } else if (user.contains("busy")) {
      later(() -> end(CallListener::onBusy), config.signallingDelay());
    } else if (user.contains("fail")) {
      later(
          () ->
              end(
                  l ->
                      l.onFailed(
                          CallFailure.of(
                              CallFailure.Reason.PROVIDER_ERROR, 503, "simulated leg failure"))),
          config.signallingDelay());
    } else {
      later(this::answer, config.ringTime().dividedBy(2));
    }
  }

  @Override
  public void speak(String text, Voice voice) {
    Objects.requireNonNull(text, "text");
    synchronized (this) {
      if (phase != Phase.ANSWERED && phase != Phase.BRIDGED) {
        return;
      }
      heard.add(text);
      later(() -> Optional.of(l -> l.onSpeechFinished(false)), talkTime(text));
      Optional<Character> asked = keyAskedFor(text);
      String user = userPart(address);
      if (asked.isPresent() && phase == Phase.ANSWERED && !user.contains("nokey")) {
        char key = user.contains("wrongkey") ? (asked.get() == '9' ? '8' : '9') : asked.get();
        later(
            () -> phase == Phase.ANSWERED ? Optional.of(l -> l.onDtmf(key)) : Optional.empty(),
            talkTime(text).plus(config.responseDelay()));
      }
    }
  }

  private static final Pattern PRESS =
      Pattern.compile("Press (\\d|star|pound) to take the call\\.");

  /** The key a line asks the human to press, if it does. */
  static Optional<Character> keyAskedFor(String line) {
    Matcher m = PRESS.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        switch (m.group(1)) {
          case "star" -> '*';
          case "pound" -> '#';
          default -> m.group(1).charAt(0);
        });
  }

  @Override
  public void hangUp() {
    synchronized (this) {
      endLocked();
    }
  }

  /** Bridged with the callee: the human greets them. */
  void bridgeTo(SimulatedCall callee) {
    synchronized (this) {
      if (phase != Phase.ANSWERED) {
        return;
      }
      phase = Phase.BRIDGED;
      peer = callee;
      later(() -> say(GREETING), config.responseDelay());
    }
  }

  /** The callee said {@code text}: the human answers once and hangs up after. */
  void hearFromPeer(String text) {
    synchronized (this) {
      if (phase != Phase.BRIDGED) {
        return;
      }
      heard.add(text);
      later(() -> say(GOODBYE), config.responseDelay());
      later(
          () -> end(CallListener::onRemoteHangUp),
          config.responseDelay().plus(talkTime(GOODBYE)).plus(config.responseDelay()));
    }
  }

  private Optional<Consumer<CallListener>> answer() {
    phase = Phase.ANSWERED;
    return Optional.of(l -> l.onAnswered(AnsweredBy.HUMAN));
  }

  private Optional<Consumer<CallListener>> say(String line) {
    if (phase != Phase.BRIDGED) {
      return Optional.empty();
    }
    SimulatedCall callee = peer;
    return Optional.of(
        l -> {
          l.onUtterance(line);
          callee.hearFromPeer(line);
        });
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

  private void later(Step step, Duration simulatedDelay) {
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

  @FunctionalInterface
  private interface Step {
    Optional<Consumer<CallListener>> run();
  }
}
