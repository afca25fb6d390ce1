package io.outdial.media.audio;

import java.util.Objects;
import java.util.Optional;

/**
 * Tells a person from an answering machine by the shape of what is heard after the answer: a person
 * says something short ("Hello?") and waits; a recorded greeting talks on. Streaming, one instance
 * per call, fed every 20 ms frame from the answer on; it gives one {@link AmdVerdict}, at the
 * latest after {@link Settings#totalAnalysisMs()}. Not thread-safe.
 *
 * <p>The rules, checked every frame (the classic energy-based model, as in Asterisk's AMD):
 *
 * <ul>
 *   <li>A frame is voice when it is louder than {@link Settings#silenceThresholdDbfs()} and {@link
 *       Settings#marginDb()} above the line's noise floor. A <em>word</em> is at least {@link
 *       Settings#minWordMs()} of voice; words are separated by at least {@link
 *       Settings#betweenWordsSilenceMs()} of silence. The first word starts the greeting.
 *   <li>HUMAN ({@link AmdVerdict.Reason#SHORT_GREETING}): after the greeting started, {@link
 *       Settings#afterGreetingSilenceMs()} of silence.
 *   <li>MACHINE ({@link AmdVerdict.Reason#LONG_GREETING}): {@link Settings#greetingMs()} of voice
 *       in the greeting; ({@link AmdVerdict.Reason#TOO_MANY_WORDS}): {@link Settings#maxWords()}
 *       words.
 *   <li>UNKNOWN ({@link AmdVerdict.Reason#INITIAL_SILENCE}): {@link Settings#initialSilenceMs()} of
 *       silence before any word (sounds shorter than a word, such as clicks, restart this count);
 *       ({@link AmdVerdict.Reason#ANALYSIS_TIME}): {@link Settings#totalAnalysisMs()} went by.
 * </ul>
 *
 * <p>Unlike Asterisk, a long initial silence is UNKNOWN rather than MACHINE: a person who picks up
 * and says nothing is as common as a mailbox that stays silent, and wrongly treating a person as a
 * machine (leaving a voicemail to someone listening) is the worse mistake. Set {@code
 * initialSilenceMs} to {@code totalAnalysisMs} to keep listening for a late greeting instead.
 */
public final class AnsweringMachineDetector {
  /**
   * The detector's tuning; durations in ms, rounded up to whole 20 ms frames.
   *
   * @param initialSilenceMs silence before any word after which the verdict is UNKNOWN
   * @param greetingMs voice in the greeting that makes it a machine's
   * @param afterGreetingSilenceMs silence after the greeting that makes it a person's
   * @param minWordMs the shortest voice that counts as a word
   * @param betweenWordsSilenceMs the shortest silence that separates two words
   * @param maxWords words in the greeting that make it a machine's
   * @param totalAnalysisMs the longest analysis; UNKNOWN when it runs out
   * @param silenceThresholdDbfs frames quieter than this are silence whatever the noise floor
   * @param marginDb how far above the noise floor voice must be
   */
  public record Settings(
      int initialSilenceMs,
      int greetingMs,
      int afterGreetingSilenceMs,
      int minWordMs,
      int betweenWordsSilenceMs,
      int maxWords,
      int totalAnalysisMs,
      double silenceThresholdDbfs,
      double marginDb) {
    /**
     * The defaults, and why:
     *
     * <ul>
     *   <li>initial silence 2.5 s: people who pick up speak within a second or so; recorded
     *       greetings start within one or two.
     *   <li>greeting 1.5 s of voice: "Hello?" or "Hello, this is Sam" take 0.4-1.2 s; recorded
     *       greetings run 3-10 s.
     *   <li>after-greeting silence 0.8 s: a person who said hello waits for an answer; a recording
     *       pauses 0.3-0.6 s between its sentences.
     *   <li>minimum word 100 ms: clicks, breaths and line bursts are shorter; a syllable is not.
     *   <li>between words 50 ms (three frames, 60 ms, in effect): stop consonants leave gaps of
     *       20-40 ms inside a word.
     *   <li>maximum words 4: a person's "Hello, this is Sam" makes 3-4 bursts before a pause; a
     *       recording goes on. Asterisk's 2-3 catch machines sooner but call people who answer with
     *       their name machines; the greeting length catches most machines by 1.5-2 s anyway.
     *   <li>total analysis 5 s: the callee must not wait longer for the agent's first words.
     *   <li>silence threshold -45 dBFS and 10 dB above the noise floor: telephone speech is -35 to
     *       -15 dBFS; a noisy line (street, car) raises the floor and with it the threshold.
     * </ul>
     */
    public static final Settings DEFAULTS =
        new Settings(2500, 1500, 800, 100, 50, 4, 5000, -45, 10);

    public Settings {
      requirePositive("initialSilenceMs", initialSilenceMs);
      requirePositive("greetingMs", greetingMs);
      requirePositive("afterGreetingSilenceMs", afterGreetingSilenceMs);
      requirePositive("minWordMs", minWordMs);
      requirePositive("betweenWordsSilenceMs", betweenWordsSilenceMs);
      requirePositive("maxWords", maxWords);
      requirePositive("totalAnalysisMs", totalAnalysisMs);
      if (!(marginDb >= 0)) {
        throw new IllegalArgumentException("marginDb must not be negative: " + marginDb);
      }
    }
  }

  private static final int NOISE_WINDOW_MS = 2000;

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  private final Settings settings;
  private final int initialSilenceFrames;
  private final int greetingFrames;
  private final int afterGreetingFrames;
  private final int minWordFrames;
  private final int betweenWordsFrames;
  private final int totalFrames;
  private final NoiseFloor noiseFloor = new NoiseFloor(NOISE_WINDOW_MS);
  private int frames;
  private int silenceRun;
  private int voiceRun;
  private int greetingVoice;
  private int words;
  private boolean inWord;
  private boolean greetingStarted;
  private AmdVerdict verdict;

  public AnsweringMachineDetector(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    initialSilenceFrames = Narrowband.frames(settings.initialSilenceMs());
    greetingFrames = Narrowband.frames(settings.greetingMs());
    afterGreetingFrames = Narrowband.frames(settings.afterGreetingSilenceMs());
    minWordFrames = Narrowband.frames(settings.minWordMs());
    betweenWordsFrames = Narrowband.frames(settings.betweenWordsSilenceMs());
    totalFrames = Narrowband.frames(settings.totalAnalysisMs());
  }

  /** A detector with {@link Settings#DEFAULTS}. */
  public AnsweringMachineDetector() {
    this(Settings.DEFAULTS);
  }

  /**
   * Takes the next 20 ms frame (160 samples, not kept) and returns the verdict on the frame that
   * decides it; empty before, and after (the verdict stays available from {@link #verdict()}).
   */
  public Optional<AmdVerdict> accept(short[] samples) {
    Narrowband.requireFrame(samples);
    if (verdict != null) {
      return Optional.empty();
    }
    frames++;
    double level = Narrowband.levelDbfs(samples);
    double floor = noiseFloor.update(level);
    boolean voice =
        level >= settings.silenceThresholdDbfs() && level >= floor + settings.marginDb();
    AmdVerdict.Reason reason = voice ? onVoice() : onSilence();
    if (reason == null && frames >= totalFrames) {
      reason = AmdVerdict.Reason.ANALYSIS_TIME;
    }
    if (reason == null) {
      return Optional.empty();
    }
    verdict = AmdVerdict.of(reason, (long) frames * Narrowband.FRAME_MS);
    return Optional.of(verdict);
  }

  /** The verdict once given. */
  public Optional<AmdVerdict> verdict() {
    return Optional.ofNullable(verdict);
  }

  private AmdVerdict.Reason onVoice() {
    silenceRun = 0;
    voiceRun++;
    if (!inWord && voiceRun >= minWordFrames) {
      inWord = true;
      words++;
      if (!greetingStarted) {
        greetingStarted = true;
        greetingVoice = voiceRun - 1; // the word's earlier frames count; this one is added below
      }
    }
    if (greetingStarted) {
      greetingVoice++;
      if (words >= settings.maxWords()) {
        return AmdVerdict.Reason.TOO_MANY_WORDS;
      }
      if (greetingVoice >= greetingFrames) {
        return AmdVerdict.Reason.LONG_GREETING;
      }
    }
    return null;
  }

  private AmdVerdict.Reason onSilence() {
    voiceRun = 0;
    silenceRun++;
    if (silenceRun >= betweenWordsFrames) {
      inWord = false;
    }
    if (!greetingStarted && silenceRun >= initialSilenceFrames) {
      return AmdVerdict.Reason.INITIAL_SILENCE;
    }
    if (greetingStarted && silenceRun >= afterGreetingFrames) {
      return AmdVerdict.Reason.SHORT_GREETING;
    }
    return null;
  }
}
