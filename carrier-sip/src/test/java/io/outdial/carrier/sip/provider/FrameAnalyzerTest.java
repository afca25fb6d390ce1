package io.outdial.carrier.sip.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.call.AnsweredBy;
import io.outdial.media.audio.AnsweringMachineDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analyzer's decisions on synthetic audio: seeded noise bursts stand for speech (loud and not
 * tonal, so never a beep), a 1 kHz sine for a beep. Time is the frame count: frame n is at n × 20
 * ms.
 */
class FrameAnalyzerTest {
  private static final int FRAME = 160;

  private final Random random = new Random(42);
  private final List<String> events = new ArrayList<>();
  private final List<Long> eventMs = new ArrayList<>();
  private final List<short[]> utterances = new ArrayList<>();
  private final List<Long> speechEnds = new ArrayList<>();
  private long frames;
  private FrameAnalyzer analyzer;
  private FrameAnalyzer.Sink sink;

  @BeforeEach
  void setUp() {
    sink =
        new FrameAnalyzer.Sink() {
          @Override
          public void verdict(AnsweredBy answeredBy) {
            add("verdict:" + answeredBy);
          }

          @Override
          public void verdictChanged(AnsweredBy answeredBy) {
            add("changed:" + answeredBy);
          }

          @Override
          public void speechStarted() {
            add("speech_started");
          }

          @Override
          public void speechEnded(long endNanos) {
            speechEnds.add(endNanos / 1_000_000);
          }

          @Override
          public void utterance(short[] pcm) {
            utterances.add(pcm);
            add("utterance");
          }

          @Override
          public void recording() {
            add("recording");
          }
        };
    analyzer =
        new FrameAnalyzer(
            sink, AnsweringMachineDetector.Settings.DEFAULTS, 2000, () -> frames * 20_000_000L);
  }

  private void add(String event) {
    events.add(event);
    eventMs.add(frames * 20);
  }

  private long at(String event) {
    return eventMs.get(events.indexOf(event));
  }

  @Test
  void framesBeforeTheAnswerAreIgnored() {
    speech(1000);
    silence(3000);

    assertThat(events).isEmpty();
    assertThat(speechEnds).isEmpty();
  }

  @Test
  void aShortHelloIsAPersonWhoseUtteranceIsTranscribedAfterTheVerdict() {
    analyzer.start(true);
    silence(300);
    speech(500);
    silence(1500);

    assertThat(events).containsExactly("verdict:HUMAN", "utterance");
    assertThat(utterances.get(0).length / 8)
        .as("the utterance holds the 500 ms of speech and a little around it")
        .isBetween(500, 1000);
    assertThat(speechEnds).containsExactly(800L);
  }

  @Test
  void aLongGreetingIsAMachineAndTheVoicemailStartsWhenTheBeepEnds() {
    analyzer.start(true);
    silence(300);
    speech(4000);
    silence(500);
    tone(1000, 400); // 4800-5200 ms
    silence(2000);

    assertThat(events).containsExactly("verdict:MACHINE", "recording");
    assertThat(at("verdict:MACHINE")).isLessThan(4300);
    assertThat(at("recording")).isBetween(5200L, 5260L);
    assertThat(utterances).as("a machine's greeting is never transcribed").isEmpty();
  }

  @Test
  void withoutABeepTheVoicemailStartsTheFallbackTimeAfterTheGreetingEnded() {
    analyzer.start(true);
    silence(300);
    speech(6000); // 4.8 s of voice: too long for a person; ends at 6240 ms (the last pause)
    silence(1000);
    speech(1000); // it went on: 7300-8300 ms
    silence(4000);

    assertThat(events).containsExactly("verdict:MACHINE", "recording");
    assertThat(at("recording")).isBetween(10300L, 10320L);
  }

  @Test
  void aLongGreetingFollowedBySilenceIsAPersonAfterAllAndTheirGreetingIsTranscribed() {
    analyzer.start(true);
    silence(300);
    speech(3000); // 2.4 s of voice, ends at 3240 ms: "Good afternoon, Miller residence, ..."
    silence(4000);

    assertThat(events).containsExactly("verdict:MACHINE", "changed:HUMAN", "utterance");
    assertThat(at("verdict:MACHINE")).isLessThan(3240);
    assertThat(at("changed:HUMAN"))
        .as("the withdrawal silence (800 ms) after the greeting")
        .isBetween(4040L, 4060L);
    assertThat(utterances.get(0).length / 8).as("the whole greeting").isBetween(3000, 3600);
  }

  @Test
  void aPauseShorterThanTheWithdrawalSilenceKeepsTheMachineVerdict() {
    analyzer.start(true);
    silence(300);
    speech(3000);
    silence(700); // 760 ms from the greeting's last syllable
    tone(1000, 400);
    silence(2000);

    assertThat(events).containsExactly("verdict:MACHINE", "recording");
    assertThat(utterances).as("a machine's greeting is never transcribed").isEmpty();
  }

  @Test
  void aMachineTakenForAPersonIsStillCaughtByItsBeep() {
    analyzer.start(true);
    silence(300);
    speech(3000); // ends at 3240 ms
    silence(1500); // withdrawn at 4040 ms
    tone(1000, 400); // 4800-5200 ms, within the fallback time after the greeting
    silence(2000);

    assertThat(events)
        .containsSubsequence("verdict:MACHINE", "changed:HUMAN", "recording")
        .endsWith("recording");
    assertThat(at("recording"))
        .as("the voicemail starts at the beep's end")
        .isBetween(5200L, 5260L);
  }

  @Test
  void aBeepDuringDetectionIsAMachineRecordingNow() {
    analyzer.start(true);
    silence(300);
    speech(600); // "Please leave a message."
    silence(300);
    tone(1000, 400); // 1200-1600 ms, before a short greeting's silence made it a person
    silence(2000);

    assertThat(events).containsExactly("verdict:MACHINE", "recording");
    assertThat(at("verdict:MACHINE")).isEqualTo(at("recording")).isBetween(1600L, 1660L);
    assertThat(utterances).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"1700, true", "2500, false"})
  void afterAPersonVerdictABeepCountsOnlyUntilTheFallbackTimeAfterTheirSpeech(
      int silenceMs, boolean recorded) {
    analyzer.start(true);
    silence(300);
    speech(600); // ends at 840 ms: the watch lasts until 2840 ms
    silence(silenceMs); // the tone starts at 2600 or 3400 ms
    tone(1000, 400);
    silence(2000);

    assertThat(events).startsWith("verdict:HUMAN", "utterance");
    assertThat(events.contains("recording")).isEqualTo(recorded);
  }

  @Test
  void withoutDetectionNoBeepIsListenedFor() {
    analyzer.start(false);
    silence(300);
    speech(600);
    silence(300);
    tone(1000, 400);
    silence(2000);

    assertThat(events).doesNotContain("recording", "verdict:MACHINE");
  }

  @Test
  void inTheConversationSpeechStartsAreReportedAtOnceForBargeIn() {
    analyzer.start(false);
    silence(200);
    speech(600);
    silence(1000);

    assertThat(events).containsExactly("speech_started", "utterance");
    assertThat(at("speech_started")).isBetween(200L, 320L);
  }

  @ParameterizedTest
  @CsvSource({"700, 700", "300, 300", "1200, 1200"})
  void theCalleesTurnEndsAfterTheConfiguredSilence(int silenceMs, long expectedDelayMs) {
    analyzer =
        new FrameAnalyzer(
            sink,
            AnsweringMachineDetector.Settings.DEFAULTS,
            2000,
            silenceMs,
            () -> frames * 20_000_000L);
    analyzer.start(false);
    silence(200);
    speech(600);
    silence(2000);

    assertThat(events).containsExactly("speech_started", "utterance");
    long speechEndMs = speechEnds.get(0);
    assertThat(at("utterance") - speechEndMs)
        .as("the endpointing delay is the configured silence, to the frame")
        .isBetween(expectedDelayMs, expectedDelayMs + 20);
  }

  @Test
  void afterDetectionGaveUpTheCallIsAConversation() {
    analyzer.start(true);
    analyzer.forceConversation();
    silence(100);
    speech(600);
    silence(1000);

    assertThat(events).containsExactly("speech_started", "utterance");
  }

  // ---- signals ----

  private void silence(int ms) {
    for (int i = 0; i < ms / 20; i++) {
      feed(new short[FRAME]);
    }
  }

  /**
   * Syllables of seeded white noise at about -22 dBFS: 240 ms loud, 60 ms quiet, as speech has
   * pauses (a steady noise would become the line's noise floor after two seconds).
   */
  private void speech(int ms) {
    for (int i = 0; i < ms / 20; i++) {
      short[] frame = new short[FRAME];
      if (i % 15 < 12) {
        for (int j = 0; j < FRAME; j++) {
          frame[j] = (short) Math.round(random.nextGaussian() * 2600);
        }
      }
      feed(frame);
    }
  }

  private void tone(int hz, int ms) {
    for (int i = 0; i < ms / 20; i++) {
      short[] frame = new short[FRAME];
      for (int j = 0; j < FRAME; j++) {
        long n = frames * FRAME + j;
        frame[j] = (short) Math.round(Math.sin(2 * Math.PI * hz * n / 8000.0) * 8000);
      }
      feed(frame);
    }
  }

  private void feed(short[] frame) {
    frames++;
    analyzer.accept(frame);
  }
}
