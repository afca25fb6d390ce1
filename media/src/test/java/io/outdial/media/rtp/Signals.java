package io.outdial.media.rtp;

/** Test signals and their measures, at 8 kHz. */
final class Signals {
  private Signals() {}

  /** {@code seconds} of a sine at {@code hz} with peak {@code amplitude}. */
  static short[] tone(double hz, double seconds, int amplitude) {
    short[] pcm = new short[(int) Math.round(seconds * MediaEngine.SAMPLE_RATE)];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] =
          (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / MediaEngine.SAMPLE_RATE));
    }
    return pcm;
  }

  /** Power of {@code pcm} at {@code hz} (Goertzel). */
  static double power(short[] pcm, double hz) {
    double coefficient = 2 * Math.cos(2 * Math.PI * hz / MediaEngine.SAMPLE_RATE);
    double previous = 0;
    double beforePrevious = 0;
    for (short sample : pcm) {
      double current = sample + coefficient * previous - beforePrevious;
      beforePrevious = previous;
      previous = current;
    }
    return previous * previous
        + beforePrevious * beforePrevious
        - coefficient * previous * beforePrevious;
  }

  /** Normalised correlation of two equally long signals, in -1..1. */
  static double correlation(short[] a, short[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
  }

  /** Whether any sample of the frame is not zero. */
  static boolean audible(short[] frame) {
    for (short sample : frame) {
      if (sample != 0) {
        return true;
      }
    }
    return false;
  }
}
