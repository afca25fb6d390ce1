package io.outdial.carrier.sip.provider;

import io.outdial.media.audio.Narrowband;

/**
 * The hold audio a callee hears while a warm transfer rings the human: a soft two-note chime (C5
 * then E5, 523 and 659 Hz, 300 ms each with 30 ms fades, peaks at -24 dBFS) followed by 1.4 s of
 * silence, two seconds in all, played again and again. Generated rather than bundled: no file to
 * license or ship, and quiet enough not to startle anyone holding the phone to their ear.
 */
final class HoldAudio {
  /** Frequencies of the two notes, in Hz (tests look for them in what the callee heard). */
  static final double FIRST_HZ = 523.25;

  static final double SECOND_HZ = 659.25;

  private static final int RATE = Narrowband.SAMPLE_RATE_HZ;
  private static final int NOTE_SAMPLES = RATE * 300 / 1000;
  private static final int FADE_SAMPLES = RATE * 30 / 1000;
  private static final int SILENCE_SAMPLES = RATE * 1400 / 1000;
  private static final double PEAK = 32768 * Math.pow(10, -24 / 20.0);

  private static final short[] PATTERN = build();

  private HoldAudio() {}

  /** One round of the pattern, 8 kHz PCM; shared, never to be changed. */
  static short[] pattern() {
    return PATTERN;
  }

  private static short[] build() {
    short[] pcm = new short[2 * NOTE_SAMPLES + SILENCE_SAMPLES];
    note(pcm, 0, FIRST_HZ);
    note(pcm, NOTE_SAMPLES, SECOND_HZ);
    return pcm;
  }

  private static void note(short[] pcm, int from, double hz) {
    for (int i = 0; i < NOTE_SAMPLES; i++) {
      int edge = Math.min(i, NOTE_SAMPLES - 1 - i);
      double fade = edge >= FADE_SAMPLES ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * edge / FADE_SAMPLES);
      pcm[from + i] = (short) Math.round(Math.sin(2 * Math.PI * hz * i / RATE) * PEAK * fade);
    }
  }
}
