package io.outdial.media.audio;

/**
 * The telephone audio format the detectors work on: mono signed 16-bit PCM at 8 kHz (what G.711
 * decodes to), in frames of 20 ms (the usual RTP packet time).
 */
public final class Narrowband {
  /** Samples per second. */
  public static final int SAMPLE_RATE_HZ = 8000;

  /** Length of one frame in milliseconds. */
  public static final int FRAME_MS = 20;

  /** Samples in one frame: 20 ms at 8 kHz. */
  public static final int FRAME_SAMPLES = SAMPLE_RATE_HZ * FRAME_MS / 1000;

  private Narrowband() {}

  /** Whole frames needed to cover {@code ms} milliseconds (rounded up). */
  static int frames(int ms) {
    return (ms + FRAME_MS - 1) / FRAME_MS;
  }

  /** Fails unless {@code frame} is one 20 ms frame of 160 samples. */
  static void requireFrame(short[] frame) {
    if (frame == null || frame.length != FRAME_SAMPLES) {
      throw new IllegalArgumentException(
          "expected a frame of "
              + FRAME_SAMPLES
              + " samples (20 ms at 8 kHz), got "
              + (frame == null ? "null" : frame.length + " samples"));
    }
  }

  /**
   * The frame's mean power in dB relative to a full-scale square wave (dBFS), at least {@link
   * #SILENCE_DBFS} so that digital silence stays a finite number.
   */
  static double levelDbfs(short[] frame) {
    double sum = 0;
    for (short s : frame) {
      sum += (double) s * s;
    }
    double power = sum / frame.length / (32768.0 * 32768.0);
    return power <= 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 10 * Math.log10(power));
  }

  /** The level reported for digital silence. */
  static final double SILENCE_DBFS = -100;
}
