package io.outdial.media.audio;

import java.util.Objects;
import java.util.Optional;

/**
 * Tells a person from an answering machine by the shape of what is heard after the answer: a person
 * says something short ("Hello?") and waits; a recorded greeting talks on and beeps. Streaming, one
 * instance per call, fed every 20 ms frame from the answer on; it gives a first {@link AmdVerdict}
 * at the latest after {@link Settings#totalAnalysisMs()}, and at most one later verdict that
 * withdraws a MACHINE verdict. Not thread-safe.
 *
 * <p>The rules, checked every frame (the classic energy-based model, as in Asterisk's AMD, and a
 * second look at greetings that a person could still have said):
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
 *       words; ({@link AmdVerdict.Reason#BEEP}): a beep ({@link #beep()}, heard by a {@link
 *       BeepDetector} on the same frames) before any verdict.
 *   <li>UNKNOWN ({@link AmdVerdict.Reason#INITIAL_SILENCE}): {@link Settings#initialSilenceMs()} of
 *       silence before any word (sounds shorter than a word, such as clicks, restart this count);
 *       ({@link AmdVerdict.Reason#ANALYSIS_TIME}): {@link Settings#totalAnalysisMs()} went by.
 *   <li>Withdrawn, HUMAN ({@link AmdVerdict.Reason#WAITED_FOR_ANSWER}): after a LONG_GREETING or
 *       TOO_MANY_WORDS verdict, while the greeting holds less than {@link
 *       Settings#longestHumanGreetingMs()} of voice and no beep was heard, {@link
 *       Settings#withdrawSilenceMs()} of silence: a person who answered with their name and a
 *       question, and now waits for an answer. A machine beeps or talks on. Once the greeting
 *       reaches that much voice, or a beep is heard, the MACHINE verdict is final ({@link
 *       #isFinal()}).
 * </ul>
 *
 * <p>Unlike Asterisk, a long initial silence is UNKNOWN rather than MACHINE: a person who picks up
 * and says nothing is as common as a mailbox that stays silent, and wrongly treating a person as a
 * machine (leaving a voicemail to someone listening) is the worse mistake. Set {@code
 * initialSilenceMs} to {@code totalAnalysisMs} to keep listening for a late greeting instead. For
 * the same reason a MACHINE verdict is withdrawn as described rather than kept: a machine taken for
 * a person is still caught by its beep, but a person taken for a machine hears a voicemail message
 * (or nothing) instead of the agent.
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
   * @param longestHumanGreetingMs voice in the greeting from which a MACHINE verdict is final; a
   *     MACHINE verdict on a greeting with less voice is withdrawn when {@code withdrawSilenceMs}
   *     of silence follows it. At most {@code greetingMs} turns the withdrawal off
   * @param withdrawSilenceMs silence after such a greeting that withdraws the MACHINE verdict
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
      double marginDb,
      int longestHumanGreetingMs,
      int withdrawSilenceMs) {
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
     *   <li>longest human greeting 4 s of voice: a person who answers with a name and a question
     *       ("Good afternoon, Miller residence, Dana speaking", "Hi, this is Dana, how can I help
     *       you?") says 2-3 s, with a second "Hello?" up to 3.5 s, and then waits; 1.5 s of voice
     *       makes them a machine at first. Most recorded greetings run on past 4 s; a shorter one
     *       that beeps is still caught by its beep, only a short one without a beep is taken for a
     *       person.
     *   <li>withdrawal silence 0.8 s, as after a short greeting: a person waiting for an answer is
     *       silent longer than a recording pauses between sentences (0.3-0.6 s) or before its beep
     *       (0.3-0.5 s), and the agent speaks well within the 2 s after the end of the person's
     *       greeting that telemarketing rules allow. A machine that pauses longer is taken for a
     *       person until its beep, which costs little: the voicemail still starts after the beep.
     * </ul>
     */
    public static final Settings DEFAULTS =
        new Settings(2500, 1500, 800, 100, 50, 4, 5000, -45, 10, 4000, 800);

    public Settings {
      requirePositive("initialSilenceMs", initialSilenceMs);
      requirePositive("greetingMs", greetingMs);
      requirePositive("afterGreetingSilenceMs", afterGreetingSilenceMs);
      requirePositive("minWordMs", minWordMs);
      requirePositive("betweenWordsSilenceMs", betweenWordsSilenceMs);
      requirePositive("maxWords", maxWords);
      requirePositive("totalAnalysisMs", totalAnalysisMs);
      requirePositive("longestHumanGreetingMs", longestHumanGreetingMs);
      requirePositive("withdrawSilenceMs", withdrawSilenceMs);
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
  private final int longestHumanGreetingFrames;
  private final int withdrawSilenceFrames;
  private final NoiseFloor noiseFloor = new NoiseFloor(NOISE_WINDOW_MS);
  private int frames;
  private int silenceRun;
  private int voiceRun;
  private int greetingVoice;
  private int words;
  private boolean inWord;
  private boolean greetingStarted;
  private AmdVerdict verdict;
  private boolean isFinal;

  public AnsweringMachineDetector(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    initialSilenceFrames = Narrowband.frames(settings.initialSilenceMs());
    greetingFrames = Narrowband.frames(settings.greetingMs());
    afterGreetingFrames = Narrowband.frames(settings.afterGreetingSilenceMs());
    minWordFrames = Narrowband.frames(settings.minWordMs());
    betweenWordsFrames = Narrowband.frames(settings.betweenWordsSilenceMs());
    totalFrames = Narrowband.frames(settings.totalAnalysisMs());
    longestHumanGreetingFrames = Narrowband.frames(settings.longestHumanGreetingMs());
    withdrawSilenceFrames = Narrowband.frames(settings.withdrawSilenceMs());
  }

  /** A detector with {@link Settings#DEFAULTS}. */
  public AnsweringMachineDetector() {
    this(Settings.DEFAULTS);
  }

  /**
   * Takes the next 20 ms frame (160 samples, not kept) and returns a verdict on the frame that
   * decides it: the first verdict, or later the one that withdraws a MACHINE verdict; empty on
   * every other frame (the verdict that stands is available from {@link #verdict()}).
   */
  public Optional<AmdVerdict> accept(short[] samples) {
    Narrowband.requireFrame(samples);
    if (isFinal) {
      return Optional.empty();
    }
    frames++;
    double level = Narrowband.levelDbfs(samples);
    double floor = noiseFloor.update(level);
    boolean voice =
        level >= settings.silenceThresholdDbfs() && level >= floor + settings.marginDb();
    if (verdict != null) {
      return voice ? onVoiceAfterMachine() : onSilenceAfterMachine();
    }
    AmdVerdict.Reason reason = voice ? onVoice() : onSilence();
    if (reason == null && frames >= totalFrames) {
      reason = AmdVerdict.Reason.ANALYSIS_TIME;
    }
    if (reason == null) {
      return Optional.empty();
    }
    return Optional.of(decide(reason));
  }

  /**
   * A beep was heard (the end of a tone from a {@link BeepDetector} fed the same frames): a machine
   * is recording. Before any verdict this gives MACHINE ({@link AmdVerdict.Reason#BEEP}), returned
   * here; a MACHINE verdict becomes final; a HUMAN or UNKNOWN verdict stands (what a beep after it
   * means for the call is the caller's business).
   */
  public Optional<AmdVerdict> beep() {
    if (verdict == null) {
      return Optional.of(decide(AmdVerdict.Reason.BEEP));
    }
    isFinal = true;
    return Optional.empty();
  }

  /** The verdict that stands: the first one, or the HUMAN verdict that withdrew a MACHINE one. */
  public Optional<AmdVerdict> verdict() {
    return Optional.ofNullable(verdict);
  }

  /** Whether the verdict that stands can no longer change (false before the first verdict). */
  public boolean isFinal() {
    return isFinal;
  }

  private AmdVerdict decide(AmdVerdict.Reason reason) {
    verdict = AmdVerdict.of(reason, (long) frames * Narrowband.FRAME_MS);
    // only a machine verdict on a greeting that a person could still have said may change
    isFinal =
        !(reason == AmdVerdict.Reason.LONG_GREETING || reason == AmdVerdict.Reason.TOO_MANY_WORDS)
            || greetingVoice >= longestHumanGreetingFrames
            || longestHumanGreetingFrames <= greetingFrames;
    return verdict;
  }

  private Optional<AmdVerdict> onVoiceAfterMachine() {
    silenceRun = 0;
    if (++greetingVoice >= longestHumanGreetingFrames) {
      isFinal = true;
    }
    return Optional.empty();
  }

  private Optional<AmdVerdict> onSilenceAfterMachine() {
    if (++silenceRun < withdrawSilenceFrames) {
      return Optional.empty();
    }
    AmdVerdict withdrawn = decide(AmdVerdict.Reason.WAITED_FOR_ANSWER);
    isFinal = true;
    return Optional.of(withdrawn);
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
