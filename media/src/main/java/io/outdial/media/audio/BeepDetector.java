package io.outdial.media.audio;

import java.util.Objects;
import java.util.Optional;

/**
 * Hears an answering machine's beep: a steady single tone between {@link Settings#minFrequencyHz()}
 * and {@link Settings#maxFrequencyHz()} lasting at least {@link Settings#minDurationMs()}; reports
 * it when it <em>ends</em>, which is when the recording starts. One instance per call, fed every 20
 * ms frame; not thread-safe.
 *
 * <p>Every frame loud enough goes through a bank of Goertzel filters 25 Hz apart (each 50 Hz wide
 * at 20 ms); the frame is tonal when the strongest filter holds at least {@link
 * Settings#minPurity()} of the frame's energy. A pure tone puts 80-100 % of its energy there
 * wherever it falls between filters. A voiced speech frame can come close when one harmonic sits on
 * a formant, but not for long: pitch and formants move from frame to frame. On the speech
 * recordings of the tests the longest run of such frames is 40 ms, against the 120 ms a beep needs.
 * A beep is a run of tonal frames on the same filter (or a neighbour) at a steady level (within 6
 * dB). Cost: about 14 000 multiply-adds per loud frame (a few microseconds), nothing for a quiet
 * one; a caller may feed it only once a beep can come, after a MACHINE verdict.
 *
 * <p>Combining with the greeting's end: not every machine beeps, and some beep before the greeting
 * has quite ended. Once {@link AnsweringMachineDetector} says MACHINE, keep feeding this detector
 * and the {@link VoiceActivityDetector}; start the voicemail at the first {@link Beep}, or, when
 * the VAD reports the greeting's {@link VoiceEvent.Utterance} ended and no beep follows within
 * about 2 s, start it then. A {@link VoiceEvent.SpeechStarted} in that wait means the greeting went
 * on: wait for its end again. Every qualifying tone is reported, so a machine that plays several
 * beeps gives several; the first is the one to act on, and speech already under way after it is
 * simply recorded.
 */
public final class BeepDetector {
  private static final int BIN_SPACING_HZ = 25;
  private static final double MAX_LEVEL_CHANGE_DB = 6;

  /**
   * The detector's tuning.
   *
   * @param minFrequencyHz lowest beep frequency
   * @param maxFrequencyHz highest beep frequency
   * @param minDurationMs shortest beep, rounded up to whole 20 ms frames
   * @param minPurity the share of a frame's energy the tone must hold, 0 to 1
   * @param minLevelDbfs quieter frames are not looked at
   */
  public record Settings(
      int minFrequencyHz,
      int maxFrequencyHz,
      int minDurationMs,
      double minPurity,
      double minLevelDbfs) {
    /**
     * The defaults, and why: answering machines and carrier voicemail beep at 400-2 500 Hz
     * (commonly 440, 850, 1 000 or 1 400 Hz) for 120 ms to a second or more, so a tone of 120 ms or
     * more in that band counts. A purity of 0.7 accepts a pure tone that falls between two filters
     * (0.81) on a noisy line; speech frames seldom reach it, and never for 120 ms. Beeps are loud;
     * below -45 dBFS nothing is looked at.
     */
    public static final Settings DEFAULTS = new Settings(400, 2500, 120, 0.7, -45);

    public Settings {
      if (minFrequencyHz < 100
          || maxFrequencyHz < minFrequencyHz
          || maxFrequencyHz >= Narrowband.SAMPLE_RATE_HZ / 2) {
        throw new IllegalArgumentException(
            "beep band must lie within 100-4000 Hz: " + minFrequencyHz + "-" + maxFrequencyHz);
      }
      if (minDurationMs <= 0) {
        throw new IllegalArgumentException("minDurationMs must be positive: " + minDurationMs);
      }
      if (!(minPurity > 0 && minPurity <= 1)) {
        throw new IllegalArgumentException("minPurity must be in (0, 1]: " + minPurity);
      }
    }
  }

  private final Settings settings;
  private final int minFrames;
  private final int[] frequencies;
  private final double[] coefficients; // 2 cos(2 pi f / 8000) per filter
  private long frame = -1;
  private boolean inTone;
  private long toneFirstFrame;
  private int toneFrames;
  private int toneBin;
  private double toneLevel;
  private int best; // the strongest filter of the frame being looked at
  private double bestPower;

  public BeepDetector(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    minFrames = Narrowband.frames(settings.minDurationMs());
    int count = (settings.maxFrequencyHz() - settings.minFrequencyHz()) / BIN_SPACING_HZ + 1;
    frequencies = new int[count];
    coefficients = new double[count];
    for (int i = 0; i < count; i++) {
      frequencies[i] = settings.minFrequencyHz() + i * BIN_SPACING_HZ;
      coefficients[i] = 2 * Math.cos(2 * Math.PI * frequencies[i] / Narrowband.SAMPLE_RATE_HZ);
    }
  }

  /** A detector with {@link Settings#DEFAULTS}. */
  public BeepDetector() {
    this(Settings.DEFAULTS);
  }

  /**
   * Takes the next 20 ms frame (160 samples, not kept) and returns a beep on the first frame after
   * it ended.
   */
  public Optional<Beep> accept(short[] samples) {
    Narrowband.requireFrame(samples);
    frame++;
    double level = Narrowband.levelDbfs(samples);
    int bin = level >= settings.minLevelDbfs() ? toneBin(samples) : -1;
    if (bin >= 0
        && inTone
        && Math.abs(bin - toneBin) <= 1
        && Math.abs(level - toneLevel) <= MAX_LEVEL_CHANGE_DB) {
      toneFrames++;
      return Optional.empty();
    }
    Optional<Beep> ended = Optional.empty();
    if (inTone && toneFrames >= minFrames) {
      long frameMs = Narrowband.FRAME_MS;
      ended =
          Optional.of(
              new Beep(
                  toneFirstFrame * frameMs,
                  (toneFirstFrame + toneFrames) * frameMs,
                  frequencies[toneBin]));
    }
    inTone = bin >= 0;
    if (inTone) {
      toneFirstFrame = frame;
      toneFrames = 1;
      toneBin = bin;
      toneLevel = level;
    }
    return ended;
  }

  /** The filter holding the frame's tone, or -1 when no filter holds enough of its energy. */
  private int toneBin(short[] samples) {
    double energy = 0;
    for (short s : samples) {
      energy += (double) s * s;
    }
    best = -1;
    bestPower = 0;
    int i = 0;
    // Four filters per pass over the frame: independent recurrences the CPU runs side by side.
    for (; i + 4 <= coefficients.length; i += 4) {
      double c0 = coefficients[i];
      double c1 = coefficients[i + 1];
      double c2 = coefficients[i + 2];
      double c3 = coefficients[i + 3];
      double a1 = 0, a2 = 0, b1 = 0, b2 = 0, d1 = 0, d2 = 0, e1 = 0, e2 = 0;
      for (short x : samples) {
        double a0 = x + c0 * a1 - a2;
        double b0 = x + c1 * b1 - b2;
        double d0 = x + c2 * d1 - d2;
        double e0 = x + c3 * e1 - e2;
        a2 = a1;
        a1 = a0;
        b2 = b1;
        b1 = b0;
        d2 = d1;
        d1 = d0;
        e2 = e1;
        e1 = e0;
      }
      consider(i, a1 * a1 + a2 * a2 - c0 * a1 * a2);
      consider(i + 1, b1 * b1 + b2 * b2 - c1 * b1 * b2);
      consider(i + 2, d1 * d1 + d2 * d2 - c2 * d1 * d2);
      consider(i + 3, e1 * e1 + e2 * e2 - c3 * e1 * e2);
    }
    for (; i < coefficients.length; i++) {
      double c = coefficients[i];
      double s1 = 0;
      double s2 = 0;
      for (short x : samples) {
        double s0 = x + c * s1 - s2;
        s2 = s1;
        s1 = s0;
      }
      consider(i, s1 * s1 + s2 * s2 - c * s1 * s2);
    }
    // A sine of amplitude A on a filter: |X|^2 = (A N / 2)^2 and energy = A^2 N / 2, so purity 1.
    double purity = 2 * bestPower / samples.length / energy;
    return purity >= settings.minPurity() ? best : -1;
  }

  private void consider(int bin, double power) {
    if (power > bestPower) {
      bestPower = power;
      best = bin;
    }
  }
}
