package io.outdial.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BeepDetectorTest {
  private static List<Beep> beeps(short[] samples) {
    return Fixtures.stream(samples, new BeepDetector()::accept);
  }

  private static short[] onLine(short[] sound) {
    return Signals.concat(
        Signals.noise(-60, 500, 1),
        Signals.mix(sound, Signals.noise(-60, 2000, 2)),
        Signals.noise(-60, 500, 3));
  }

  @Test
  void findsTheBeepAfterTheGreetingAndWhenItEnds() {
    List<Beep> beeps = beeps(Fixtures.samples("voicemail"));

    assertThat(beeps).hasSize(1);
    Beep beep = beeps.getFirst();
    assertThat(beep.endMs()).isCloseTo(Fixtures.offsetMs("voicemail.beep.end"), within(100L));
    assertThat(beep.startMs()).isCloseTo(Fixtures.offsetMs("voicemail.beep.start"), within(100L));
    assertThat(beep.frequencyHz()).isCloseTo(1000, within(25));
  }

  @Test
  void speechAloneNeverSoundsLikeABeep() {
    short[] voicemail = Fixtures.samples("voicemail");
    short[] greetingOnly =
        Arrays.copyOf(voicemail, (int) Fixtures.offsetMs("voicemail.beep.start") * 8);

    assertThat(beeps(Fixtures.samples("hello"))).isEmpty();
    assertThat(beeps(Fixtures.samples("two-utterances"))).isEmpty();
    assertThat(beeps(greetingOnly)).isEmpty();
  }

  @Test
  void heldVowelsAreNotBeeps() {
    assertThat(beeps(onLine(Signals.vowel(220, 220, 1200, -12)))).isEmpty();
    assertThat(beeps(onLine(Signals.vowel(110, 100, 1200, -12)))).isEmpty();
    assertThat(beeps(onLine(Signals.vowel(300, 260, 1200, -12)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(doubles = {440, 850, 1012.5, 1400, 2450})
  void aTwoHundredMillisecondToneInTheBandIsABeep(double frequencyHz) {
    List<Beep> beeps = beeps(onLine(Signals.sine(frequencyHz, 0.3, 200)));

    assertThat(beeps).hasSize(1);
    assertThat(beeps.getFirst().frequencyHz()).isCloseTo((int) frequencyHz, within(13));
    assertThat(beeps.getFirst().endMs()).isCloseTo(700, within(20L));
  }

  @Test
  void tonesTooShortOrOutsideTheBandAreNot() {
    assertThat(beeps(onLine(Signals.sine(1000, 0.3, 80)))).isEmpty();
    assertThat(beeps(onLine(Signals.sine(300, 0.3, 400)))).isEmpty();
    assertThat(beeps(onLine(Signals.sine(3000, 0.3, 400)))).isEmpty();
  }

  @Test
  void aToneInLoudNoiseIsNotABeepButInLineNoiseItIs() {
    short[] tone = Signals.sine(1000, 0.1, 400); // about -23 dBFS
    short[] loudNoise = Signals.noise(-23, 400, 8);

    assertThat(beeps(onLine(Signals.mix(tone, loudNoise)))).isEmpty();
    assertThat(beeps(onLine(Signals.mix(tone, Signals.noise(-45, 400, 8))))).hasSize(1);
  }
}
