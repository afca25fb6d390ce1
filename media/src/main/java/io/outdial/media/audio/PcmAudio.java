package io.outdial.media.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Signed 16-bit PCM samples at a given rate, channels interleaved (left, right, left, ...), as read
 * from a WAV file. The array is shared, not copied: whoever builds one hands the samples over.
 *
 * @param sampleRateHz samples per second per channel
 * @param channels 1 (mono) or more; frames are {@code channels} consecutive samples
 * @param samples interleaved samples; a length that is a multiple of {@code channels}
 */
public record PcmAudio(int sampleRateHz, int channels, short[] samples) {
  public PcmAudio {
    if (sampleRateHz <= 0) {
      throw new IllegalArgumentException("sampleRateHz must be positive: " + sampleRateHz);
    }
    if (channels <= 0) {
      throw new IllegalArgumentException("channels must be positive: " + channels);
    }
    Objects.requireNonNull(samples, "samples");
    if (samples.length % channels != 0) {
      throw new IllegalArgumentException(
          samples.length + " samples do not divide into " + channels + " channels");
    }
  }

  /** Samples per channel. */
  public int frameCount() {
    return samples.length / channels;
  }

  /** Duration in milliseconds, rounded down. */
  public long durationMs() {
    return frameCount() * 1000L / sampleRateHz;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PcmAudio p
        && p.sampleRateHz == sampleRateHz
        && p.channels == channels
        && Arrays.equals(p.samples, samples);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * sampleRateHz + channels) + Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return "PcmAudio[" + sampleRateHz + " Hz, " + channels + " ch, " + frameCount() + " frames]";
  }
}
