package io.outdial.carrier.sip.provider;

import io.outdial.core.call.AnsweredBy;
import io.outdial.media.audio.AmdVerdict;
import io.outdial.media.audio.AnsweringMachineDetector;
import io.outdial.media.audio.Beep;
import io.outdial.media.audio.BeepDetector;
import io.outdial.media.audio.Narrowband;
import io.outdial.media.audio.VoiceActivityDetector;
import io.outdial.media.audio.VoiceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Listens to one call's received audio, frame by frame, on the media pacing thread:
 * answering-machine detection after the answer, then either the voicemail beep (machine) or the
 * callee's speech (person). It only decides; what a decision means for the call is the {@link
 * Sink}'s business.
 *
 * <p>Modes, each fed only the detectors it needs (VAD + AMD + beep ≈ 5-9 µs a frame, VAD alone
 * less):
 *
 * <ul>
 *   <li>before {@link #start}: frames are dropped (early media is not the callee);
 *   <li>detecting: AMD, VAD and the beep detector. Utterances are held back: a person's "Hello?" is
 *       transcribed once the verdict says person, a machine's greeting never is. A beep here is a
 *       machine's, and its recording has started;
 *   <li>machine: beep detector, VAD, and AMD while its MACHINE verdict may still be withdrawn (a
 *       greeting short enough for a person, followed by silence and no beep: {@link
 *       AnsweringMachineDetector}); utterances stay held back until then. The voicemail starts at
 *       the first beep, or when the greeting ended (the VAD's utterance end) and no beep followed
 *       within the fallback time: not every machine beeps. Speech in that wait means the greeting
 *       went on, and the wait starts over at its next end. A withdrawn verdict goes to the
 *       conversation, with the held utterances;
 *   <li>conversation: VAD; speech starts are reported at once (barge-in), utterances whole. After
 *       detection the beep detector keeps listening while the callee speaks and for the fallback
 *       time after their speech ends (at most {@link #BEEP_WATCH_MS} after the answer): a machine
 *       taken for a person (a short greeting, or a long one with a pause) is still caught by its
 *       beep, and the voicemail starts after it as it would have;
 *   <li>recording (after the beep): nothing; the machine's own sounds must not interrupt the
 *       voicemail.
 * </ul>
 *
 * <p>Not thread-safe: only the pacing thread calls {@link #accept}. {@link #start} and {@link
 * #forceConversation} are called from other threads and only set volatile flags that the next frame
 * reads.
 */
final class FrameAnalyzer {
  /** What the analyzer found; called on the pacing thread, so implementations must be quick. */
  interface Sink {
    /** Answering-machine detection reached its verdict. */
    void verdict(AnsweredBy answeredBy);

    /**
     * Answering-machine detection withdrew its MACHINE verdict: {@code answeredBy} (HUMAN) stands
     * now, and the call is a conversation. Comes at most once, after {@link #verdict}, never after
     * {@link #recording()}.
     */
    void verdictChanged(AnsweredBy answeredBy);

    /** The callee started talking during the conversation (barge-in). */
    void speechStarted();

    /** Speech of the callee (or the greeting) ended at {@code endNanos} (the frame clock). */
    void speechEnded(long endNanos);

    /** A person's utterance to transcribe: 8 kHz mono PCM. */
    void utterance(short[] pcm);

    /** A machine is recording now: the beep ended, or the greeting ended without a beep. */
    void recording();
  }

  /**
   * The longest the beep detector listens in the conversation, from the answer: a recorded greeting
   * with its beep is over well before; a tone later in a conversation is not a voicemail beep.
   */
  static final int BEEP_WATCH_MS = 30_000;

  private static final long BEEP_WATCH_FRAMES = BEEP_WATCH_MS / Narrowband.FRAME_MS;

  private enum Mode {
    IDLE,
    DETECTING,
    MACHINE,
    CONVERSATION,
    RECORDING
  }

  private final Sink sink;
  private final LongSupplier nanoTime;
  private final AnsweringMachineDetector.Settings amdSettings;
  private final int fallbackFrames;

  private volatile boolean started;
  private volatile boolean detect;
  private volatile boolean forcedConversation;

  // pacing thread only
  private Mode mode = Mode.IDLE;
  private AnsweringMachineDetector amd;
  private final VoiceActivityDetector vad;
  private final BeepDetector beeps = new BeepDetector();
  private final List<short[]> heldUtterances = new ArrayList<>();
  private long frames;
  private boolean speaking;
  private long fallbackAtFrame = -1;
  private boolean beepWatch; // in the conversation: still listening for a beep
  private long beepWatchUntilFrame = -1; // ends the beep watch; -1 while the callee speaks
  private long lastSpeechEndFrame = -1;

  /**
   * @param fallbackMs after the greeting ended, how long to wait for a beep (ms)
   * @param nanoTime the clock frames are stamped with when they arrive
   */
  FrameAnalyzer(
      Sink sink, AnsweringMachineDetector.Settings amdSettings, int fallbackMs, LongSupplier nano) {
    this(sink, amdSettings, fallbackMs, VoiceActivityDetector.Settings.DEFAULTS.hangoverMs(), nano);
  }

  /**
   * @param fallbackMs after the greeting ended, how long to wait for a beep (ms)
   * @param endOfTurnSilenceMs the silence that ends an utterance: the voice activity detector's
   *     hangover (ms)
   * @param nanoTime the clock frames are stamped with when they arrive
   */
  FrameAnalyzer(
      Sink sink,
      AnsweringMachineDetector.Settings amdSettings,
      int fallbackMs,
      int endOfTurnSilenceMs,
      LongSupplier nano) {
    VoiceActivityDetector.Settings d = VoiceActivityDetector.Settings.DEFAULTS;
    this.vad =
        new VoiceActivityDetector(
            new VoiceActivityDetector.Settings(
                d.speechStartMs(),
                endOfTurnSilenceMs,
                d.maxUtteranceMs(),
                d.leadInMs(),
                d.tailMs(),
                d.marginDb(),
                d.minSpeechDbfs(),
                d.noiseWindowMs()));
    this.sink = sink;
    this.amdSettings = amdSettings;
    this.fallbackFrames = Math.ceilDiv(fallbackMs, Narrowband.FRAME_MS);
    this.nanoTime = nano;
  }

  /**
   * The call was answered: analyse from the next frame on.
   *
   * @param detectMachine true to run answering-machine detection first, false to go straight to the
   *     conversation
   */
  void start(boolean detectMachine) {
    this.detect = detectMachine;
    this.started = true;
  }

  /** Detection gave up without a verdict (no audio came): treat the callee as a person. */
  void forceConversation() {
    forcedConversation = true;
  }

  /** The next 20 ms frame (160 samples at 8 kHz) of the callee's audio. */
  void accept(short[] frame) {
    if (mode == Mode.IDLE) {
      if (!started) {
        return;
      }
      if (detect) {
        amd = new AnsweringMachineDetector(amdSettings);
        mode = Mode.DETECTING;
      } else {
        mode = Mode.CONVERSATION; // no detection, no beep watch
      }
    }
    if (forcedConversation && mode == Mode.DETECTING) {
      toConversation();
    }
    if (mode == Mode.RECORDING) {
      return;
    }
    frames++;
    long now = nanoTime.getAsLong();
    Optional<VoiceEvent> voice = vad.accept(frame);
    switch (mode) {
      case DETECTING -> detecting(frame, voice, now);
      case MACHINE -> machine(frame, voice, now);
      case CONVERSATION -> conversation(frame, voice, now);
      default -> {}
    }
  }

  private void detecting(short[] frame, Optional<VoiceEvent> voice, long now) {
    voice.ifPresent(
        v -> {
          track(v, now);
          if (v instanceof VoiceEvent.Utterance u) {
            heldUtterances.add(u.pcm());
          }
        });
    Optional<AmdVerdict> verdict = beeps.accept(frame).isPresent() ? amd.beep() : amd.accept(frame);
    if (verdict.isEmpty()) {
      return;
    }
    AnsweredBy by = verdict.get().answeredBy();
    sink.verdict(by);
    if (by != AnsweredBy.MACHINE) {
      toConversation();
    } else if (verdict.get().reason() == AmdVerdict.Reason.BEEP) {
      heldUtterances.clear();
      record();
    } else {
      mode = Mode.MACHINE;
      if (amd.isFinal()) {
        heldUtterances.clear();
      }
      if (!speaking) {
        fallbackAtFrame = frames + fallbackFrames;
      }
    }
  }

  private void machine(short[] frame, Optional<VoiceEvent> voice, long now) {
    Optional<Beep> beep = beeps.accept(frame);
    if (beep.isPresent()) {
      amd.beep();
      heldUtterances.clear();
      record();
      return;
    }
    voice.ifPresent(
        v -> {
          track(v, now);
          if (v instanceof VoiceEvent.SpeechStarted) {
            fallbackAtFrame = -1;
          } else if (v instanceof VoiceEvent.Utterance u) {
            if (!amd.isFinal()) {
              heldUtterances.add(u.pcm());
            }
            if (!u.cutAtMaxLength()) {
              fallbackAtFrame = endFrame(u) + fallbackFrames;
            }
          }
        });
    if (!amd.isFinal()) {
      Optional<AmdVerdict> later = amd.accept(frame);
      if (later.isPresent()) {
        sink.verdictChanged(later.get().answeredBy());
        fallbackAtFrame = -1;
        toConversation();
        return;
      }
      if (amd.isFinal()) {
        heldUtterances.clear(); // the greeting grew too long for a person's
      }
    }
    if (fallbackAtFrame >= 0 && frames >= fallbackAtFrame) {
      heldUtterances.clear();
      record();
    }
  }

  private void conversation(short[] frame, Optional<VoiceEvent> voice, long now) {
    if (beepWatch) {
      if (beeps.accept(frame).isPresent()) {
        record();
        return;
      }
      if (voice.orElse(null) instanceof VoiceEvent.SpeechStarted) {
        beepWatchUntilFrame = -1;
      } else if (voice.orElse(null) instanceof VoiceEvent.Utterance u && !u.cutAtMaxLength()) {
        beepWatchUntilFrame = endFrame(u) + fallbackFrames;
      }
      if ((beepWatchUntilFrame >= 0 && frames >= beepWatchUntilFrame)
          || frames >= BEEP_WATCH_FRAMES) {
        beepWatch = false;
      }
    }
    voice.ifPresent(
        v -> {
          track(v, now);
          if (v instanceof VoiceEvent.SpeechStarted) {
            sink.speechStarted();
          } else if (v instanceof VoiceEvent.Utterance u) {
            sink.utterance(u.pcm());
          }
        });
  }

  /** Keeps {@link #speaking} and reports the end of speech on the frame clock. */
  private void track(VoiceEvent v, long now) {
    if (v instanceof VoiceEvent.SpeechStarted) {
      speaking = true;
    } else if (v instanceof VoiceEvent.Utterance u) {
      speaking = u.cutAtMaxLength();
      lastSpeechEndFrame = endFrame(u);
      long heardMs = frames * Narrowband.FRAME_MS;
      sink.speechEnded(now - (heardMs - u.endMs()) * 1_000_000L);
    }
  }

  /** The frame on which the utterance's speech ended. */
  private static long endFrame(VoiceEvent.Utterance u) {
    return Math.ceilDiv(u.endMs(), Narrowband.FRAME_MS);
  }

  /**
   * After detection: the conversation, with the held utterances, and the beep detector listening
   * for the fallback time after the callee's speech (see the class comment).
   */
  private void toConversation() {
    mode = Mode.CONVERSATION;
    beepWatch = true;
    // the fallback time after the end of the callee's speech, as a machine's beep is waited for
    beepWatchUntilFrame =
        speaking ? -1 : (lastSpeechEndFrame >= 0 ? lastSpeechEndFrame : frames) + fallbackFrames;
    for (short[] pcm : heldUtterances) {
      sink.utterance(pcm);
    }
    heldUtterances.clear();
  }

  private void record() {
    mode = Mode.RECORDING;
    fallbackAtFrame = -1;
    sink.recording();
  }
}
