package io.outdial.media.audio;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the callee's speech in a call's incoming audio, frame by frame: reports {@link
 * VoiceEvent.SpeechStarted} early (for barge-in) and, once the speaker pauses, the whole {@link
 * VoiceEvent.Utterance} for speech-to-text. One instance per call; not thread-safe.
 *
 * <p>Energy based: a frame is loud when its level is {@link Settings#marginDb()} above the line's
 * noise floor (minimum statistics over {@link Settings#noiseWindowMs()}, so the detector follows a
 * noisy line without configuration) and at least {@link Settings#minSpeechDbfs()}. Speech starts
 * after {@link Settings#speechStartMs()} of consecutive loud frames; once started, frames count as
 * speech down to a threshold 4 dB lower (hysteresis, so trailing syllables are kept), and the
 * utterance ends after {@link Settings#hangoverMs()} without speech or at {@link
 * Settings#maxUtteranceMs()}. Memory: the utterance being heard (at most the maximum length plus
 * the hangover, 16 kB a second) and the lead-in; nothing is allocated per frame otherwise.
 */
public final class VoiceActivityDetector {
  private static final double HYSTERESIS_DB = 4;

  /**
   * The detector's tuning; durations are rounded up to whole 20 ms frames.
   *
   * @param speechStartMs loud time before speech counts as started
   * @param hangoverMs silence that ends an utterance
   * @param maxUtteranceMs longest utterance; longer speech is cut into pieces of this length
   * @param leadInMs audio kept before the first loud frame in {@link VoiceEvent.Utterance#pcm()}
   * @param tailMs audio kept after the last loud frame in {@link VoiceEvent.Utterance#pcm()}
   * @param marginDb how far above the noise floor speech must be
   * @param minSpeechDbfs the quietest level that can be speech, whatever the floor
   * @param noiseWindowMs how far back the noise floor looks
   */
  public record Settings(
      int speechStartMs,
      int hangoverMs,
      int maxUtteranceMs,
      int leadInMs,
      int tailMs,
      double marginDb,
      double minSpeechDbfs,
      int noiseWindowMs) {
    /**
     * The defaults, and why:
     *
     * <ul>
     *   <li>speech start 80 ms: clicks, pops and line bursts last 20-40 ms and must not stop our
     *       speech; a syllable lasts 100-300 ms, so 80 ms catches every word's first syllable and,
     *       with the jitter buffer, stops our playback about 0.1 s into the callee's speech, which
     *       people hear as an immediate reaction.
     *   <li>hangover 700 ms: pauses inside a sentence (commas, breaths, "um") are mostly 200-500
     *       ms; the gap people leave at the end of a turn is longer. Less cuts sentences in two,
     *       more makes the agent slow to answer.
     *   <li>maximum utterance 20 s: bounds the memory per call (320 kB) and the size of one
     *       speech-to-text upload; a monologue is transcribed in pieces.
     *   <li>lead-in 200 ms and tail 200 ms: soft consonants at the edges of words ("h", "s", "f")
     *       stay under an energy threshold but matter to speech-to-text.
     *   <li>margin 10 dB over the floor and at least -50 dBFS: telephone speech sits around -35 to
     *       -15 dBFS and at least 15 dB above the line noise; -50 dBFS keeps a line of digital
     *       silence from calling every faint hiss speech.
     *   <li>noise window 2 s: long enough that fluent speech always dips to the floor within it,
     *       short enough that a new steady noise stops counting as speech after 2 s.
     * </ul>
     */
    public static final Settings DEFAULTS = new Settings(80, 700, 20_000, 200, 200, 10, -50, 2000);

    public Settings {
      requirePositive("speechStartMs", speechStartMs);
      requirePositive("hangoverMs", hangoverMs);
      requirePositive("noiseWindowMs", noiseWindowMs);
      if (maxUtteranceMs <= speechStartMs) {
        throw new IllegalArgumentException(
            "maxUtteranceMs must exceed speechStartMs: " + maxUtteranceMs);
      }
      if (leadInMs < 0 || tailMs < 0) {
        throw new IllegalArgumentException("leadInMs and tailMs must not be negative");
      }
      if (!(marginDb > 0)) {
        throw new IllegalArgumentException("marginDb must be positive: " + marginDb);
      }
    }
  }

  private enum State {
    SILENT,
    PENDING,
    SPEAKING
  }

  private final Settings settings;
  private final int startFrames;
  private final int hangoverFrames;
  private final int maxFrames;
  private final int tailFrames;
  private final NoiseFloor noiseFloor;
  private final short[] leadIn; // ring of the last lead-in frames while silent
  private final int leadInFrames;
  private int leadInCount;
  private int leadInNext;
  private static final int RETAINED_SAMPLES = Narrowband.SAMPLE_RATE_HZ / 2;
  private short[] heard = new short[0]; // the utterance so far; grows, and shrinks after a long one
  private int heardFrames;
  private long heardFirstFrame;
  private State state = State.SILENT;
  private long frame = -1;
  private long speechFirstFrame;
  private long lastLoudFrame;
  private int loudRun;

  public VoiceActivityDetector(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    startFrames = Narrowband.frames(settings.speechStartMs());
    hangoverFrames = Narrowband.frames(settings.hangoverMs());
    maxFrames = Narrowband.frames(settings.maxUtteranceMs());
    tailFrames = Math.min(Narrowband.frames(settings.tailMs()), hangoverFrames);
    leadInFrames = Narrowband.frames(settings.leadInMs());
    leadIn = new short[leadInFrames * Narrowband.FRAME_SAMPLES];
    noiseFloor = new NoiseFloor(settings.noiseWindowMs());
  }

  /** A detector with {@link Settings#DEFAULTS}. */
  public VoiceActivityDetector() {
    this(Settings.DEFAULTS);
  }

  /**
   * Takes the next 20 ms frame (160 samples, not kept: the caller may reuse the array) and returns
   * what it completed, if anything.
   */
  public Optional<VoiceEvent> accept(short[] samples) {
    Narrowband.requireFrame(samples);
    frame++;
    double level = Narrowband.levelDbfs(samples);
    double floor = noiseFloor.update(level);
    double startThreshold = Math.max(settings.minSpeechDbfs(), floor + settings.marginDb());
    boolean loud = level >= startThreshold;
    boolean speech = level >= startThreshold - HYSTERESIS_DB;
    return switch (state) {
      case SILENT -> {
        if (loud) {
          begin(samples);
          yield confirmed();
        }
        pushLeadIn(samples, 0);
        yield Optional.empty();
      }
      case PENDING -> {
        append(samples);
        if (!speech) {
          abandon();
          yield Optional.empty();
        }
        loudRun++;
        lastLoudFrame = frame;
        yield confirmed();
      }
      case SPEAKING -> {
        append(samples);
        if (speech) {
          lastLoudFrame = frame;
        }
        if (frame - lastLoudFrame >= hangoverFrames) {
          yield Optional.of(finish(false));
        }
        if (frame + 1 - speechFirstFrame >= maxFrames) {
          lastLoudFrame = frame;
          yield Optional.of(finish(true));
        }
        yield Optional.empty();
      }
    };
  }

  private void begin(short[] samples) {
    state = State.PENDING;
    speechFirstFrame = frame;
    lastLoudFrame = frame;
    loudRun = 1;
    heardFrames = 0;
    heardFirstFrame = frame - leadInCount;
    for (int i = 0; i < leadInCount; i++) {
      int slot = (leadInNext - leadInCount + i + leadInFrames) % leadInFrames;
      append(leadIn, slot * Narrowband.FRAME_SAMPLES);
    }
    leadInCount = 0;
    append(samples);
  }

  private Optional<VoiceEvent> confirmed() {
    if (loudRun < startFrames) {
      return Optional.empty();
    }
    state = State.SPEAKING;
    long frameMs = Narrowband.FRAME_MS;
    return Optional.of(
        new VoiceEvent.SpeechStarted(speechFirstFrame * frameMs, (frame + 1) * frameMs));
  }

  /** A too-short burst: back to silence, its frames becoming lead-in for the next speech. */
  private void abandon() {
    state = State.SILENT;
    refillLeadIn(heardFrames);
  }

  private VoiceEvent.Utterance finish(boolean cut) {
    state = State.SILENT;
    long endFrame = lastLoudFrame + 1;
    long keepUntil = Math.min(frame + 1, endFrame + tailFrames);
    int samples = (int) (keepUntil - heardFirstFrame) * Narrowband.FRAME_SAMPLES;
    long frameMs = Narrowband.FRAME_MS;
    VoiceEvent.Utterance utterance =
        new VoiceEvent.Utterance(
            speechFirstFrame * frameMs,
            endFrame * frameMs,
            heardFirstFrame * frameMs,
            Arrays.copyOf(heard, samples),
            cut);
    refillLeadIn((int) (frame + 1 - endFrame));
    return utterance;
  }

  /** Makes the last {@code count} heard frames (or fewer) the lead-in. */
  private void refillLeadIn(int count) {
    leadInCount = 0;
    for (int f = Math.max(0, heardFrames - Math.min(count, leadInFrames)); f < heardFrames; f++) {
      pushLeadIn(heard, f * Narrowband.FRAME_SAMPLES);
    }
    heardFrames = 0;
    if (heard.length > 4 * RETAINED_SAMPLES) {
      heard = new short[RETAINED_SAMPLES]; // a silent call does not keep a long utterance's memory
    }
  }

  private void pushLeadIn(short[] from, int offset) {
    if (leadInFrames == 0) {
      return;
    }
    System.arraycopy(
        from, offset, leadIn, leadInNext * Narrowband.FRAME_SAMPLES, Narrowband.FRAME_SAMPLES);
    leadInNext = (leadInNext + 1) % leadInFrames;
    leadInCount = Math.min(leadInCount + 1, leadInFrames);
  }

  private void append(short[] samples) {
    append(samples, 0);
  }

  private void append(short[] from, int offset) {
    int at = heardFrames * Narrowband.FRAME_SAMPLES;
    if (at + Narrowband.FRAME_SAMPLES > heard.length) {
      heard = Arrays.copyOf(heard, Math.max(RETAINED_SAMPLES, heard.length * 2));
    }
    System.arraycopy(from, offset, heard, at, Narrowband.FRAME_SAMPLES);
    heardFrames++;
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
