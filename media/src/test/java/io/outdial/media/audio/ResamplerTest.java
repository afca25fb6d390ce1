package io.outdial.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplerTest {
  private static final double AMPLITUDE = 0.5;

  /** Output samples kept off each end, where the filter runs over the edge of the input. */
  private static final int EDGE = 400;

  private static short[] oneKilohertzAt8k(int rateHz) {
    return Resampler.toNarrowband(
        new PcmAudio(rateHz, 1, Signals.sine(1000, AMPLITUDE, 1000, rateHz)));
  }

  @ParameterizedTest
  @ValueSource(ints = {11_025, 16_000, 22_050, 24_000, 44_100, 48_000})
  void aOneKilohertzToneStaysOneKilohertzAtTheSameAmplitude(int rateHz) {
    short[] out = oneKilohertzAt8k(rateHz);

    double at1k = Signals.amplitudeAt(out, EDGE, out.length - EDGE, 1000, 8000);
    assertThat(Signals.db(at1k / AMPLITUDE)).as("gain at 1 kHz, dB").isCloseTo(0, within(1.0));
    // All of the energy is at 1 kHz: the tone neither moved nor grew other components.
    double rms = Signals.rms(out, EDGE, out.length - EDGE);
    assertThat(at1k / Math.sqrt(2) / rms).isCloseTo(1, within(0.01));
    assertThat(Signals.amplitudeAt(out, EDGE, out.length - EDGE, 1100, 8000)).isLessThan(0.01);
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 11_025, 16_000, 22_050, 24_000, 44_100, 48_000})
  void oneSecondOfAnyRateIsEightThousandSamples(int rateHz) {
    short[] out =
        Resampler.toNarrowband(new PcmAudio(rateHz, 1, Signals.sine(440, 0.1, 1000, rateHz)));

    assertThat(out).hasSize(8000);
  }

  @Test
  void aSixKilohertzToneAt24kIsRemovedNotFoldedDown() {
    short[] out =
        Resampler.toNarrowband(
            new PcmAudio(24_000, 1, Signals.sine(6000, AMPLITUDE, 1000, 24_000)));

    // Sampled at 8 kHz without filtering, 6 kHz would come out as a 2 kHz tone of the same level.
    double left = Signals.rms(out, EDGE, out.length - EDGE) * Math.sqrt(2);
    assertThat(Signals.db(left / AMPLITUDE)).as("attenuation, dB").isLessThanOrEqualTo(-40);
    assertThat(
            Signals.db(Signals.amplitudeAt(out, EDGE, out.length - EDGE, 2000, 8000) / AMPLITUDE))
        .isLessThanOrEqualTo(-40);
  }

  @Test
  void theTelephoneBandPassesAndTheFoldingBandDoesNot() {
    short[] pass =
        Resampler.toNarrowband(
            new PcmAudio(24_000, 1, Signals.sine(3300, AMPLITUDE, 1000, 24_000)));
    short[] stop =
        Resampler.toNarrowband(
            new PcmAudio(24_000, 1, Signals.sine(4500, AMPLITUDE, 1000, 24_000)));

    assertThat(Signals.db(Signals.rms(pass, EDGE, pass.length - EDGE) * Math.sqrt(2) / AMPLITUDE))
        .isCloseTo(0, within(1.0));
    assertThat(Signals.db(Signals.rms(stop, EDGE, stop.length - EDGE) * Math.sqrt(2) / AMPLITUDE))
        .isLessThanOrEqualTo(-40);
  }

  @Test
  void stereoIsAveragedIntoMono() {
    short[] left = Signals.sine(1000, AMPLITUDE, 500, 24_000);
    short[] stereo = new short[left.length * 2];
    for (int i = 0; i < left.length; i++) {
      stereo[2 * i] = left[i]; // the right channel stays silent
    }

    short[] out = Resampler.toNarrowband(new PcmAudio(24_000, 2, stereo));

    assertThat(out).hasSize(4000);
    double at1k = Signals.amplitudeAt(out, EDGE, out.length - EDGE, 1000, 8000);
    assertThat(Signals.db(at1k / (AMPLITUDE / 2))).isCloseTo(0, within(0.2));
  }

  @Test
  void eightKilohertzMonoComesOutUnchangedAsACopy() {
    short[] in = Signals.noise(-20, 200, 7);

    short[] out = Resampler.toNarrowband(new PcmAudio(8000, 1, in));

    assertThat(out).containsExactly(in).isNotSameAs(in);
  }

  @Test
  void anUncommonRateStillWorks() {
    short[] out =
        Resampler.toNarrowband(
            new PcmAudio(44_101, 1, Signals.sine(1000, AMPLITUDE, 1000, 44_101)));

    assertThat(out.length).isBetween(7999, 8001);
    double at1k = Signals.amplitudeAt(out, EDGE, out.length - EDGE, 1000, 8000);
    assertThat(Signals.db(at1k / AMPLITUDE)).isCloseTo(0, within(1.0));
  }
}
