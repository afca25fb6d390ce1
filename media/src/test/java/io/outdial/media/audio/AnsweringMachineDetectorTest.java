package io.outdial.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.outdial.core.call.AnsweredBy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnsweringMachineDetectorTest {
  private static List<AmdVerdict> verdicts(short[] samples, AnsweringMachineDetector amd) {
    return Fixtures.stream(samples, amd::accept);
  }

  private static AmdVerdict verdict(short[] samples) {
    List<AmdVerdict> verdicts = verdicts(samples, new AnsweringMachineDetector());
    assertThat(verdicts).as("exactly one verdict").hasSize(1);
    return verdicts.getFirst();
  }

  @Test
  void aShortHelloThenSilenceIsAPerson() {
    AmdVerdict v = verdict(Fixtures.samples("hello"));

    assertThat(v.answeredBy()).isEqualTo(AnsweredBy.HUMAN);
    assertThat(v.reason()).isEqualTo(AmdVerdict.Reason.SHORT_GREETING);
    // Decided once the after-greeting silence (800 ms) has followed the "Hello?".
    assertThat(v.decidedAfterMs())
        .isCloseTo(Fixtures.offsetMs("hello.speech.end") + 800, within(100L));
  }

  @Test
  void aRecordedGreetingIsAMachineLongBeforeItEnds() {
    AmdVerdict v = verdict(Fixtures.samples("voicemail"));

    assertThat(v.answeredBy()).isEqualTo(AnsweredBy.MACHINE);
    assertThat(v.reason()).isIn(AmdVerdict.Reason.LONG_GREETING, AmdVerdict.Reason.TOO_MANY_WORDS);
    assertThat(v.decidedAfterMs())
        .isGreaterThan(Fixtures.offsetMs("voicemail.greeting.start"))
        .isLessThan(Fixtures.offsetMs("voicemail.greeting.start") + 2500);
  }

  @Test
  void silenceIsUnknownOnceTheInitialSilenceHasPassed() {
    for (short[] line : List.of(Signals.silence(8000), Signals.noise(-60, 8000, 9))) {
      AmdVerdict v = verdict(line);

      assertThat(v.answeredBy()).isEqualTo(AnsweredBy.UNKNOWN);
      assertThat(v.reason()).isEqualTo(AmdVerdict.Reason.INITIAL_SILENCE);
      assertThat(v.decidedAfterMs()).isEqualTo(2500);
    }
  }

  @Test
  void silenceRunsToTheTotalAnalysisTimeWhenTheInitialSilenceIsAsLong() {
    AnsweringMachineDetector.Settings patient =
        new AnsweringMachineDetector.Settings(
            5000, 1500, 800, 100, 50, 4, 5000, -45, 10, 4000, 1000);

    List<AmdVerdict> v = verdicts(Signals.silence(8000), new AnsweringMachineDetector(patient));

    assertThat(v).hasSize(1);
    assertThat(v.getFirst().answeredBy()).isEqualTo(AnsweredBy.UNKNOWN);
    assertThat(v.getFirst().decidedAfterMs()).isEqualTo(5000);
  }

  @Test
  void soundsThatNeverMakeAWordAreUnknownAtTheEndOfTheAnalysis() {
    short[] clicks = new short[0];
    for (int i = 0; i < 30; i++) { // 60 ms bursts every 300 ms: never a 100 ms word
      clicks = Signals.concat(clicks, Signals.noise(-20, 60, i), Signals.noise(-60, 240, 100 + i));
    }

    AmdVerdict v = verdict(clicks);

    assertThat(v.reason()).isEqualTo(AmdVerdict.Reason.ANALYSIS_TIME);
    assertThat(v.answeredBy()).isEqualTo(AnsweredBy.UNKNOWN);
    assertThat(v.decidedAfterMs()).isEqualTo(5000);
  }

  @Test
  void manyShortWordsInARowAreAMachine() {
    short[] words = Signals.noise(-60, 500, 1);
    for (int i = 0; i < 6; i++) { // 200 ms words, 150 ms apart: 4 words within 1.5 s of voice
      words = Signals.concat(words, Signals.vowel(150, 120, 200, -18), Signals.noise(-60, 150, i));
    }
    words = Signals.concat(words, Signals.vowel(150, 120, 200, -18)); // seven words in 2.6 s

    List<AmdVerdict> v =
        verdicts(
            Signals.concat(words, Signals.noise(-60, 3000, 2)), new AnsweringMachineDetector());

    assertThat(v.getFirst().reason()).isEqualTo(AmdVerdict.Reason.TOO_MANY_WORDS);
    assertThat(v.getFirst().decidedAfterMs()).isCloseTo(500 + 3 * 350 + 100, within(40L));
    // 1.4 s of voice, far from a machine's 4 s: the silence after it withdraws the verdict
    assertThat(v.get(1).reason()).isEqualTo(AmdVerdict.Reason.WAITED_FOR_ANSWER);
    assertThat(v.get(1).decidedAfterMs()).isCloseTo(500 + 7 * 350 - 150 + 800, within(40L));
  }

  @Test
  void aPersonOnANoisyLineIsStillAPerson() {
    short[] line = Signals.noise(-38, 6000, 4);
    short[] hello = Signals.vowel(160, 220, 450, -15);
    short[] samples = Signals.overlay(line, hello, 4000); // "Hello?" half a second in

    AmdVerdict v = verdict(samples);

    assertThat(v.answeredBy()).isEqualTo(AnsweredBy.HUMAN);
    assertThat(v.decidedAfterMs()).isCloseTo(500 + 450 + 800, within(60L));
  }

  @Test
  void theVerdictIsGivenOnceAndKept() {
    AnsweringMachineDetector amd = new AnsweringMachineDetector();
    List<AmdVerdict> all =
        verdicts(Signals.concat(Fixtures.samples("hello"), Fixtures.samples("voicemail")), amd);

    assertThat(all).hasSize(1);
    assertThat(amd.verdict()).contains(all.getFirst());
  }

  // ---- withdrawing a MACHINE verdict ----

  /** The defaults but the word rule, so that the greeting's voice alone decides. */
  private static final AnsweringMachineDetector.Settings VOICE_ONLY =
      new AnsweringMachineDetector.Settings(2500, 1500, 800, 100, 50, 99, 5000, -45, 10, 4000, 800);

  private static AnsweringMachineDetector.Settings longestHumanGreeting(int ms) {
    AnsweringMachineDetector.Settings d = VOICE_ONLY;
    return new AnsweringMachineDetector.Settings(
        d.initialSilenceMs(),
        d.greetingMs(),
        d.afterGreetingSilenceMs(),
        d.minWordMs(),
        d.betweenWordsSilenceMs(),
        d.maxWords(),
        d.totalAnalysisMs(),
        d.silenceThresholdDbfs(),
        d.marginDb(),
        ms,
        d.withdrawSilenceMs());
  }

  /**
   * 300 ms of line noise, then {@code words} words of 280 ms, 80 ms apart: 280 ms of voice each.
   */
  private static short[] greeting(int words, long seed) {
    return Signals.concat(Signals.noise(-60, 300, seed), words(words, seed));
  }

  private static short[] words(int words, long seed) {
    short[] x = new short[0];
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        x = Signals.concat(x, Signals.noise(-60, 80, seed + i));
      }
      x = Signals.concat(x, Signals.vowel(180, 140, 280, -18));
    }
    return x;
  }

  private static long endOf(int words) {
    return 300 + words * 280L + (words - 1) * 80L;
  }

  @Test
  void aLongGreetingFollowedBySilenceIsAPersonWaitingForAnAnswer() {
    AnsweringMachineDetector amd = new AnsweringMachineDetector(VOICE_ONLY);

    // 8 words: 2.24 s of voice, like "Good afternoon, Miller residence, Dana speaking."
    List<AmdVerdict> v =
        verdicts(Signals.concat(greeting(8, 1), Signals.noise(-60, 4000, 50)), amd);

    assertThat(v)
        .extracting(AmdVerdict::reason)
        .containsExactly(AmdVerdict.Reason.LONG_GREETING, AmdVerdict.Reason.WAITED_FOR_ANSWER);
    assertThat(v.get(1).answeredBy()).isEqualTo(AnsweredBy.HUMAN);
    // 1.5 s of voice is reached in the sixth word: 5 × 280 ms and 100 ms of it
    assertThat(v.get(0).decidedAfterMs()).isCloseTo(endOf(5) + 80 + 100, within(40L));
    assertThat(v.get(1).decidedAfterMs()).isCloseTo(endOf(8) + 800, within(40L));
    assertThat(amd.verdict()).contains(v.get(1));
    assertThat(amd.isFinal()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"740, false", "860, true"})
  void onlyASilenceAsLongAsTheWithdrawalSilenceWithdrawsTheVerdict(int pauseMs, boolean withdrawn) {
    AnsweringMachineDetector amd = new AnsweringMachineDetector(VOICE_ONLY);
    short[] pausedGreeting =
        Signals.concat(greeting(6, 1), Signals.noise(-60, pauseMs, 60), words(2, 70));

    List<AmdVerdict> v = verdicts(pausedGreeting, amd);

    assertThat(v).first().extracting(AmdVerdict::reason).isEqualTo(AmdVerdict.Reason.LONG_GREETING);
    assertThat(v).hasSize(withdrawn ? 2 : 1);
    assertThat(amd.isFinal()).isEqualTo(withdrawn);
    if (withdrawn) {
      assertThat(v.get(1).decidedAfterMs()).isCloseTo(endOf(6) + 800, within(40L));
    }
  }

  @ParameterizedTest
  @CsvSource({"2000, 7, 2", "2000, 8, 1", "1500, 7, 1"})
  void aGreetingWithAsMuchVoiceAsTheLongestHumanGreetingStaysAMachine(
      int longestMs, int words, int verdicts) {
    // 7 words hold 1.96 s of voice, 8 words 2.24 s; at most greetingMs turns withdrawal off
    AnsweringMachineDetector amd = new AnsweringMachineDetector(longestHumanGreeting(longestMs));

    List<AmdVerdict> v =
        verdicts(Signals.concat(greeting(words, 1), Signals.noise(-60, 4000, 80)), amd);

    assertThat(v).hasSize(verdicts);
    assertThat(amd.verdict().orElseThrow().answeredBy())
        .isEqualTo(verdicts == 2 ? AnsweredBy.HUMAN : AnsweredBy.MACHINE);
    assertThat(amd.isFinal()).isTrue();
  }

  @Test
  void aBeepBeforeAnyVerdictIsAMachine() {
    AnsweringMachineDetector amd = new AnsweringMachineDetector();
    verdicts(greeting(2, 1), amd); // "Dana Miller.", no verdict yet

    assertThat(amd.verdict()).isEmpty();
    AmdVerdict v = amd.beep().orElseThrow();

    assertThat(v.answeredBy()).isEqualTo(AnsweredBy.MACHINE);
    assertThat(v.reason()).isEqualTo(AmdVerdict.Reason.BEEP);
    assertThat(v.decidedAfterMs()).isEqualTo(endOf(2) / 20 * 20);
    assertThat(amd.isFinal()).isTrue();
    assertThat(verdicts(Signals.noise(-60, 3000, 90), amd)).isEmpty();
  }

  @Test
  void aBeepMakesAMachineVerdictFinal() {
    AnsweringMachineDetector amd = new AnsweringMachineDetector(VOICE_ONLY);
    assertThat(verdicts(greeting(8, 1), amd)).hasSize(1);
    assertThat(amd.isFinal()).isFalse();

    assertThat(amd.beep()).isEmpty();

    assertThat(amd.isFinal()).isTrue();
    assertThat(verdicts(Signals.noise(-60, 3000, 90), amd)).isEmpty();
    assertThat(amd.verdict().orElseThrow().reason()).isEqualTo(AmdVerdict.Reason.LONG_GREETING);
  }

  @Test
  void aBeepAfterAPersonVerdictLeavesItAlone() {
    AnsweringMachineDetector amd = new AnsweringMachineDetector();
    AmdVerdict human = verdicts(Fixtures.samples("hello"), amd).getFirst();

    assertThat(amd.beep()).isEmpty();

    assertThat(amd.verdict()).contains(human);
  }
}
