package io.outdial.media.audio;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts PCM audio of any rate and channel count to the telephone's 8 kHz mono ({@link
 * Narrowband}), e.g. the 24 kHz WAV that Orpheus sends.
 *
 * <p>Channels are averaged. The rate change is a polyphase windowed-sinc filter (Kaiser window,
 * about 80 dB stop-band): the low-pass passes 0-3.4 kHz, the telephone band, within a fraction of a
 * dB and removes everything from 4 kHz up before it can fold back as aliasing. For a ratio of
 * {@code L/M} (8 000/24 000 = 1/3, 8 000/44 100 = 80/441) the filter has {@code L} phases computed
 * once per input rate and kept; rates whose ratio needs more than {@value #MAX_PHASES} phases use
 * the nearest of {@value #MAX_PHASES} (a timing error below 1/2 000 of an input sample). The work
 * is about 0.008 × input rate multiply-adds per output sample (200 at 24 kHz).
 */
public final class Resampler {
  static final int MAX_PHASES = 1024;
  private static final double PASS_EDGE_FRACTION = 3400.0 / 4000; // of the lower Nyquist rate
  private static final double STOP_EDGE_FRACTION = 1.0;
  private static final double STOP_BAND_DB = 80;
  private static final Map<Integer, Filter> FILTERS = new ConcurrentHashMap<>();

  private Resampler() {}

  /** The audio as 8 kHz mono samples; a copy even when it already is 8 kHz mono. */
  public static short[] toNarrowband(PcmAudio audio) {
    Objects.requireNonNull(audio, "audio");
    float[] mono = downmix(audio);
    if (audio.sampleRateHz() == Narrowband.SAMPLE_RATE_HZ) {
      short[] out = new short[mono.length];
      for (int i = 0; i < mono.length; i++) {
        out[i] = clip(mono[i]);
      }
      return out;
    }
    return filter(audio.sampleRateHz()).apply(mono);
  }

  /**
   * A resampler for audio that arrives in pieces (a streamed synthesis): each piece's 8 kHz mono
   * samples come out as soon as the filter has the input they need, and the whole output equals
   * {@link #toNarrowband} of all the input at once. Not thread-safe: one per stream.
   *
   * @param sampleRateHz the input's rate
   * @param channels the input's channel count; pieces hold whole interleaved frames
   */
  public static Stream stream(int sampleRateHz, int channels) {
    if (sampleRateHz <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "invalid input: " + channels + " channels at " + sampleRateHz + " Hz");
    }
    return new Stream(
        channels, sampleRateHz == Narrowband.SAMPLE_RATE_HZ ? null : filter(sampleRateHz));
  }

  /** See {@link #stream(int, int)}. */
  public static final class Stream {
    private final int channels;
    private final Filter filter; // null: already 8 kHz
    private float[] buffer = new float[0];
    private int buffered;
    private long base; // the input index of buffer[0]
    private long total; // input frames pushed so far
    private long next; // the next output index

    private Stream(int channels, Filter filter) {
      this.channels = channels;
      this.filter = filter;
    }

    /** The 8 kHz samples that {@code interleaved} (whole frames) made computable. */
    public short[] push(short[] interleaved) {
      Objects.requireNonNull(interleaved, "interleaved");
      if (interleaved.length % channels != 0) {
        throw new IllegalArgumentException("a piece must hold whole frames of " + channels);
      }
      float[] mono = downmix(new PcmAudio(1, channels, interleaved));
      if (filter == null) {
        short[] out = new short[mono.length];
        for (int i = 0; i < mono.length; i++) {
          out[i] = clip(mono[i]);
        }
        return out;
      }
      if (buffered + mono.length > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + mono.length));
      }
      System.arraycopy(mono, 0, buffer, buffered, mono.length);
      buffered += mono.length;
      total += mono.length;
      return drain(false);
    }

    /** The last samples, which needed the input's end. */
    public short[] finish() {
      return filter == null ? new short[0] : drain(true);
    }

    private short[] drain(boolean end) {
      long outLength = (total * filter.up + filter.down - 1) / filter.down;
      long last = next;
      while (last < outLength && (end || filter.lastInput(last) < total)) {
        last++;
      }
      short[] out = new short[(int) (last - next)];
      for (int i = 0; i < out.length; i++) {
        out[i] = filter.at(next + i, buffer, base, buffered);
      }
      next = last;
      long keepFrom = Math.max(base, Math.min(total, filter.firstInput(next)));
      int drop = (int) (keepFrom - base);
      if (drop > 0) {
        System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
        buffered -= drop;
        base = keepFrom;
      }
      return out;
    }
  }

  private static Filter filter(int inputRateHz) {
    Filter cached = FILTERS.get(inputRateHz);
    if (cached != null) {
      return cached;
    }
    Filter built = new Filter(inputRateHz, Narrowband.SAMPLE_RATE_HZ);
    if (FILTERS.size() < 32) { // a handful of rates in practice; never let odd ones pile up
      FILTERS.putIfAbsent(inputRateHz, built);
    }
    return built;
  }

  private static float[] downmix(PcmAudio audio) {
    int channels = audio.channels();
    short[] in = audio.samples();
    float[] mono = new float[audio.frameCount()];
    for (int i = 0; i < mono.length; i++) {
      int sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += in[i * channels + c];
      }
      mono[i] = (float) sum / channels;
    }
    return mono;
  }

  private static short clip(double v) {
    long r = Math.round(v);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
  }

  /** The polyphase filter for one pair of rates. */
  private static final class Filter {
    private final int up; // L: output samples per step
    private final int down; // M: input samples per step
    private final int phases;
    private final int taps;
    private final int half;
    private final float[][] coefficients; // [phase][tap]

    Filter(int inputRateHz, int outputRateHz) {
      int gcd = gcd(inputRateHz, outputRateHz);
      up = outputRateHz / gcd;
      down = inputRateHz / gcd;
      phases = Math.min(up, MAX_PHASES);
      double nyquist = Math.min(inputRateHz, outputRateHz) / 2.0;
      double pass = nyquist * PASS_EDGE_FRACTION;
      double stop = nyquist * STOP_EDGE_FRACTION;
      double cutoff = (pass + stop) / 2 / inputRateHz; // cycles per input sample
      double transition = 2 * Math.PI * (stop - pass) / inputRateHz; // radians per input sample
      // Kaiser's estimates of the length and shape for the wanted stop-band attenuation.
      int length = (int) Math.ceil((STOP_BAND_DB - 8) / (2.285 * transition));
      half = length / 2 + 1;
      taps = 2 * half;
      double beta = 0.1102 * (STOP_BAND_DB - 8.7);
      double i0Beta = besselI0(beta);
      coefficients = new float[phases][taps];
      for (int p = 0; p < phases; p++) {
        double frac = (double) p / phases;
        double sum = 0;
        double[] h = new double[taps];
        for (int k = 0; k < taps; k++) {
          double d = k - half + 1 - frac; // distance in input samples from the output instant
          double x = d / half;
          if (Math.abs(x) < 1) {
            double window = besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
            h[k] = 2 * cutoff * sinc(2 * cutoff * d) * window;
            sum += h[k];
          }
        }
        for (int k = 0; k < taps; k++) {
          coefficients[p][k] = (float) (h[k] / sum); // unity gain at DC in every phase
        }
      }
    }

    /** The input index the output {@code n} starts at (its first tap), possibly negative. */
    long firstInput(long n) {
      long position = n * down;
      long index = position / up;
      if (((position % up) * phases + up / 2) / up == phases) {
        index++;
      }
      return index - half + 1;
    }

    /** The last input index the output {@code n} needs. */
    long lastInput(long n) {
      return firstInput(n) + taps - 1;
    }

    /**
     * Output {@code n} from the input held in {@code in} from index {@code base}, zeros outside.
     */
    short at(long n, float[] in, long base, int length) {
      long position = n * down;
      int phase = (int) (((position % up) * phases + up / 2) / up);
      if (phase == phases) {
        phase = 0;
      }
      float[] h = coefficients[phase];
      long first = firstInput(n);
      double acc = 0;
      for (int k = 0; k < taps; k++) {
        long i = first + k - base;
        if (i >= 0 && i < length) {
          acc += in[(int) i] * h[k];
        }
      }
      return clip(acc);
    }

    short[] apply(float[] in) {
      int outLength = (int) (((long) in.length * up + down - 1) / down);
      short[] out = new short[outLength];
      for (int n = 0; n < outLength; n++) {
        long position = (long) n * down; // in units of 1/up input samples
        int index = (int) (position / up);
        int phase = (int) (((position % up) * phases + up / 2) / up);
        if (phase == phases) {
          phase = 0;
          index++;
        }
        float[] h = coefficients[phase];
        int first = index - half + 1;
        int from = Math.max(0, -first);
        int to = Math.min(taps, in.length - first);
        double acc = 0;
        for (int k = from; k < to; k++) {
          acc += in[first + k] * h[k];
        }
        out[n] = clip(acc);
      }
      return out;
    }
  }

  private static double sinc(double x) {
    if (Math.abs(x) < 1e-12) {
      return 1;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }

  /** The modified Bessel function of the first kind, order 0, by its power series. */
  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double q = x * x / 4;
    for (int k = 1; k < 50 && term > 1e-12 * sum; k++) {
      term *= q / ((double) k * k);
      sum += term;
    }
    return sum;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
