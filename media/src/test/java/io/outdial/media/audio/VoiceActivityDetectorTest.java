package io.outdial.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {
  /** Frame granularity plus the soft edges of speech that stay under the threshold. */
  private static final long TOLERANCE_MS = 100;

  private static List<VoiceEvent> events(short[] samples) {
    return events(samples, new VoiceActivityDetector());
  }

  private static List<VoiceEvent> events(short[] samples, VoiceActivityDetector vad) {
    return Fixtures.stream(samples, vad::accept);
  }

  private static List<VoiceEvent.Utterance> utterances(List<VoiceEvent> events) {
    return events.stream()
        .filter(VoiceEvent.Utterance.class::isInstance)
        .map(VoiceEvent.Utterance.class::cast)
        .toList();
  }

  @Test
  void aSentenceWithAPauseIsTwoUtterancesSplitWhereThePauseIs() {
    List<VoiceEvent> events = events(Fixtures.samples("two-utterances"));

    assertThat(events)
        .hasSize(4)
        .hasExactlyElementsOfTypes(
            VoiceEvent.SpeechStarted.class,
            VoiceEvent.Utterance.class,
            VoiceEvent.SpeechStarted.class,
            VoiceEvent.Utterance.class);
    List<VoiceEvent.Utterance> u = utterances(events);
    assertThat(u.get(0).startMs())
        .isCloseTo(Fixtures.offsetMs("two-utterances.first.start"), within(TOLERANCE_MS));
    assertThat(u.get(0).endMs())
        .isCloseTo(Fixtures.offsetMs("two-utterances.first.end"), within(TOLERANCE_MS));
    assertThat(u.get(1).startMs())
        .isCloseTo(Fixtures.offsetMs("two-utterances.second.start"), within(TOLERANCE_MS));
    assertThat(u.get(1).endMs())
        .isCloseTo(Fixtures.offsetMs("two-utterances.second.end"), within(TOLERANCE_MS));
    assertThat(u).noneMatch(VoiceEvent.Utterance::cutAtMaxLength);
  }

  @Test
  void speechStartIsReportedEightyMillisecondsIntoTheSpeech() {
    List<VoiceEvent> events = events(Fixtures.samples("hello"));

    assertThat(events).hasSize(2);
    VoiceEvent.SpeechStarted started = (VoiceEvent.SpeechStarted) events.get(0);
    assertThat(started.startMs())
        .isCloseTo(Fixtures.offsetMs("hello.speech.start"), within(TOLERANCE_MS));
    assertThat(started.detectedMs() - started.startMs()).isEqualTo(80);
  }

  @Test
  void theUtteranceCarriesItsAudioWithLeadInAndTail() {
    short[] samples = Fixtures.samples("hello");
    VoiceEvent.Utterance u = utterances(events(samples)).getFirst();

    assertThat(u.audioStartMs()).isEqualTo(u.startMs() - 200);
    int first = (int) u.audioStartMs() * 8;
    assertThat(u.pcm()).hasSize((int) (u.endMs() + 200 - u.audioStartMs()) * 8);
    for (int i = 0; i < u.pcm().length; i += 97) {
      assertThat(u.pcm()[i]).as("sample %d", i).isEqualTo(samples[first + i]);
    }
  }

  @Test
  void clicksShorterThanTheSpeechStartTimeAreNotSpeech() {
    short[] click = Signals.noise(-15, 40, 1);
    short[] samples =
        Signals.concat(
            Signals.silence(500), click, Signals.silence(500), click, Signals.silence(500));

    assertThat(events(samples)).isEmpty();
  }

  @Test
  void aSteadyNoisyLineIsNotSpeechButSpeechOverItIs() {
    short[] line = Signals.noise(-35, 6000, 11);
    short[] speech = Signals.vowel(140, 110, 600, -15);
    short[] samples = Signals.overlay(line, speech, 24_000); // three seconds in

    List<VoiceEvent.Utterance> u = utterances(events(samples));

    assertThat(u).hasSize(1);
    assertThat(u.getFirst().startMs()).isCloseTo(3000, within(40L));
    assertThat(u.getFirst().endMs()).isCloseTo(3600, within(40L));
  }

  @Test
  void theNoiseFloorRisesToANewSteadyNoiseAndSpeechIsHeardAboveIt() {
    short[] quiet = Signals.noise(-65, 2000, 21);
    short[] loud = Signals.noise(-35, 8000, 22);
    short[] speech = Signals.vowel(180, 150, 600, -15);
    // Speech five seconds into the loud noise.
    short[] samples = Signals.overlay(Signals.concat(quiet, loud), speech, 16_000 + 5000 * 8);

    List<VoiceEvent.Utterance> u = utterances(events(samples));

    // The step itself sounds like speech until the floor has followed it (the 2 s window) ...
    assertThat(u).hasSize(2);
    assertThat(u.get(0).startMs()).isCloseTo(2000, within(40L));
    assertThat(u.get(0).endMs()).isBetween(2000L, 4200L);
    // ... then only the speech above the new floor counts.
    assertThat(u.get(1).startMs()).isCloseTo(7000, within(40L));
    assertThat(u.get(1).endMs()).isCloseTo(7600, within(40L));
  }

  @Test
  void endlessSpeechIsCutAtTheMaximumLength() {
    short[] syllables = new short[0];
    for (int i = 0; i < 90; i++) { // 27 s of 200 ms syllables with 100 ms dips
      syllables =
          Signals.concat(syllables, Signals.vowel(150, 130, 200, -15), Signals.noise(-45, 100, i));
    }
    short[] samples = Signals.concat(Signals.noise(-60, 1000, 5), syllables, Signals.silence(1000));

    List<VoiceEvent.Utterance> u = utterances(events(samples));

    assertThat(u).hasSize(2);
    assertThat(u.get(0).cutAtMaxLength()).isTrue();
    assertThat(u.get(0).endMs() - u.get(0).startMs()).isEqualTo(20_000);
    assertThat(u.get(1).cutAtMaxLength()).isFalse();
    assertThat(u.get(1).endMs()).isCloseTo(28_000, within(120L));
  }

  @Test
  void shorterSettingsSplitAtShorterPauses() {
    VoiceActivityDetector.Settings quick =
        new VoiceActivityDetector.Settings(40, 300, 20_000, 0, 0, 10, -50, 2000);
    short[] samples =
        Signals.concat(
            Signals.noise(-60, 500, 3),
            Signals.vowel(150, 130, 400, -15),
            Signals.noise(-60, 400, 4),
            Signals.vowel(150, 130, 400, -15),
            Signals.noise(-60, 1000, 5));

    assertThat(utterances(events(samples))).hasSize(1);
    List<VoiceEvent.Utterance> u = utterances(events(samples, new VoiceActivityDetector(quick)));
    assertThat(u).hasSize(2);
    assertThat(u.get(0).audioStartMs()).isEqualTo(u.get(0).startMs());
    assertThat(u.get(0).pcm()).hasSize((int) (u.get(0).endMs() - u.get(0).startMs()) * 8);
  }

  @Test
  void refusesFramesOfTheWrongSize() {
    VoiceActivityDetector vad = new VoiceActivityDetector();

    assertThatThrownBy(() -> vad.accept(new short[240]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("160 samples")
        .hasMessageContaining("240");
  }
}
