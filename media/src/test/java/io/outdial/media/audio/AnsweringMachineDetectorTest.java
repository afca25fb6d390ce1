package io.outdial.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.outdial.core.call.AnsweredBy;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        new AnsweringMachineDetector.Settings(5000, 1500, 800, 100, 50, 4, 5000, -45, 10);

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

    AmdVerdict v = verdict(Signals.concat(words, Signals.noise(-60, 3000, 2)));

    assertThat(v.reason()).isEqualTo(AmdVerdict.Reason.TOO_MANY_WORDS);
    assertThat(v.decidedAfterMs()).isCloseTo(500 + 3 * 350 + 100, within(40L));
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
}
