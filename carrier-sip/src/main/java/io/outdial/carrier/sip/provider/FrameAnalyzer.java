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
 *       transcribed once the verdict says person, a machine's greeting never is;
 *   <li>machine: beep detector and VAD. The voicemail starts at the first beep, or when the
 *       greeting ended (the VAD's utterance end) and no beep followed within the fallback time: not
 *       every machine beeps. Speech in that wait means the greeting went on, and the wait starts
 *       over at its next end;
 *   <li>conversation: VAD only; speech starts are reported at once (barge-in), utterances whole;
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

    /** The callee started talking during the conversation (barge-in). */
    void speechStarted();

    /** Speech of the callee (or the greeting) ended at {@code endNanos} (the frame clock). */
    void speechEnded(long endNanos);

    /** A person's utterance to transcribe: 8 kHz mono PCM. */
    void utterance(short[] pcm);

    /** A machine is recording now: the beep ended, or the greeting ended without a beep. */
    void recording();
  }

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
  private boolean beepHeard;
  private long fallbackAtFrame = -1;

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
        mode = Mode.CONVERSATION;
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
      case CONVERSATION -> voice.ifPresent(v -> conversation(v, now));
      default -> {}
    }
  }

  private void detecting(short[] frame, Optional<VoiceEvent> voice, long now) {
    if (beeps.accept(frame).isPresent()) {
      beepHeard = true;
    }
    voice.ifPresent(
        v -> {
          track(v, now);
          if (v instanceof VoiceEvent.Utterance u) {
            heldUtterances.add(u.pcm());
          }
        });
    Optional<AmdVerdict> verdict = amd.accept(frame);
    if (verdict.isEmpty()) {
      return;
    }
    AnsweredBy by = verdict.get().answeredBy();
    sink.verdict(by);
    if (by == AnsweredBy.MACHINE) {
      heldUtterances.clear();
      mode = Mode.MACHINE;
      if (beepHeard) {
        record();
      } else if (!speaking) {
        fallbackAtFrame = frames + fallbackFrames;
      }
    } else {
      toConversation();
    }
  }

  private void machine(short[] frame, Optional<VoiceEvent> voice, long now) {
    Optional<Beep> beep = beeps.accept(frame);
    if (beep.isPresent()) {
      record();
      return;
    }
    voice.ifPresent(
        v -> {
          track(v, now);
          if (v instanceof VoiceEvent.SpeechStarted) {
            fallbackAtFrame = -1;
          } else if (v instanceof VoiceEvent.Utterance u && !u.cutAtMaxLength()) {
            fallbackAtFrame = Math.ceilDiv(u.endMs(), Narrowband.FRAME_MS) + fallbackFrames;
          }
        });
    if (fallbackAtFrame >= 0 && frames >= fallbackAtFrame) {
      record();
    }
  }

  private void conversation(VoiceEvent v, long now) {
    track(v, now);
    if (v instanceof VoiceEvent.SpeechStarted) {
      sink.speechStarted();
    } else if (v instanceof VoiceEvent.Utterance u) {
      sink.utterance(u.pcm());
    }
  }

  /** Keeps {@link #speaking} and reports the end of speech on the frame clock. */
  private void track(VoiceEvent v, long now) {
    if (v instanceof VoiceEvent.SpeechStarted) {
      speaking = true;
    } else if (v instanceof VoiceEvent.Utterance u) {
      speaking = u.cutAtMaxLength();
      long heardMs = frames * Narrowband.FRAME_MS;
      sink.speechEnded(now - (heardMs - u.endMs()) * 1_000_000L);
    }
  }

  private void toConversation() {
    mode = Mode.CONVERSATION;
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
