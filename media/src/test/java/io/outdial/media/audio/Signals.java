package io.outdial.media.audio;

import java.util.Arrays;
import java.util.Random;

/** Synthetic test audio (seeded, so every run hears the same) and a Goertzel meter. */
final class Signals {
  static final int RATE = Narrowband.SAMPLE_RATE_HZ;

  private Signals() {}

  /** A sine of {@code amplitude} (0-1 of full scale), {@code ms} long, at {@code rateHz}. */
  static short[] sine(double frequencyHz, double amplitude, int ms, int rateHz) {
    short[] out = new short[ms * rateHz / 1000];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          (short) Math.round(32767 * amplitude * Math.sin(2 * Math.PI * frequencyHz * i / rateHz));
    }
    return out;
  }

  static short[] sine(double frequencyHz, double amplitude, int ms) {
    return sine(frequencyHz, amplitude, ms, RATE);
  }

  /** White noise at about {@code dbfs} RMS. */
  static short[] noise(double dbfs, int ms, long seed) {
    Random random = new Random(seed);
    double rms = 32768 * Math.pow(10, dbfs / 20);
    short[] out = new short[ms * RATE / 1000];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(random.nextGaussian() * rms)));
    }
    return out;
  }

  static short[] silence(int ms) {
    return new short[ms * RATE / 1000];
  }

  /**
   * A vowel-like sound: harmonics of a pitch that glides from {@code startPitchHz} to {@code
   * endPitchHz}, shaped by two formants, at about {@code dbfs}.
   */
  static short[] vowel(double startPitchHz, double endPitchHz, int ms, double dbfs) {
    int n = ms * RATE / 1000;
    double[] x = new double[n];
    double phase = 0;
    for (int i = 0; i < n; i++) {
      double pitch = startPitchHz + (endPitchHz - startPitchHz) * i / n;
      phase += 2 * Math.PI * pitch / RATE;
      for (int h = 1; h * pitch < 3800; h++) {
        double f = h * pitch;
        double gain = formant(f, 700, 150) + 0.6 * formant(f, 1200, 200) + 0.05;
        x[i] += gain / h * Math.sin(h * phase);
      }
    }
    return scale(x, dbfs);
  }

  private static double formant(double f, double centre, double width) {
    double d = (f - centre) / width;
    return 1 / (1 + d * d);
  }

  private static short[] scale(double[] x, double dbfs) {
    double sum = 0;
    for (double v : x) {
      sum += v * v;
    }
    double gain = 32768 * Math.pow(10, dbfs / 20) / Math.sqrt(sum / x.length);
    short[] out = new short[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] * gain)));
    }
    return out;
  }

  /** The sample-wise sum (clipped) of two signals; the result is as long as the longer. */
  static short[] mix(short[] a, short[] b) {
    short[] out = Arrays.copyOf(a, Math.max(a.length, b.length));
    for (int i = 0; i < b.length; i++) {
      out[i] = (short) Math.max(-32768, Math.min(32767, out[i] + b[i]));
    }
    return out;
  }

  /** A copy of {@code base} with {@code sound} added from sample {@code at} on. */
  static short[] overlay(short[] base, short[] sound, int at) {
    short[] out = base.clone();
    for (int i = 0; i < sound.length && at + i < out.length; i++) {
      out[at + i] = (short) Math.max(-32768, Math.min(32767, out[at + i] + sound[i]));
    }
    return out;
  }

  static short[] concat(short[]... parts) {
    int length = 0;
    for (short[] p : parts) {
      length += p.length;
    }
    short[] out = new short[length];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The amplitude (0-1 of full scale) of the {@code frequencyHz} component, by Goertzel. */
  static double amplitudeAt(short[] x, int from, int to, double frequencyHz, int rateHz) {
    double c = 2 * Math.cos(2 * Math.PI * frequencyHz / rateHz);
    double s1 = 0;
    double s2 = 0;
    for (int i = from; i < to; i++) {
      double s0 = x[i] / 32768.0 + c * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    double power = s1 * s1 + s2 * s2 - c * s1 * s2;
    return 2 * Math.sqrt(power) / (to - from);
  }

  /** RMS (0-1 of full scale) of {@code x[from, to)}. */
  static double rms(short[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (x[i] / 32768.0) * (x[i] / 32768.0);
    }
    return Math.sqrt(sum / (to - from));
  }

  static double db(double ratio) {
    return 20 * Math.log10(ratio);
  }
}
