package io.outdial.media.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link VoiceActivityDetector} reports. Times are milliseconds from the first frame the
 * detector was given (frame {@code n} covers {@code [20n, 20n + 20)}).
 */
public sealed interface VoiceEvent {
  /**
   * The callee started talking: the moment to stop our own speech (barge-in).
   *
   * @param startMs when the speech began (its first loud frame)
   * @param detectedMs when the detector was sure: {@code startMs} plus the configured speech-start
   *     time; an event is reported as the frame ending at {@code detectedMs} is accepted
   */
  record SpeechStarted(long startMs, long detectedMs) implements VoiceEvent {}

  /**
   * The callee finished an utterance, which can now go to speech-to-text.
   *
   * @param startMs when the speech began
   * @param endMs when its last loud frame ended (the silence that closed it comes after)
   * @param audioStartMs where {@code pcm} begins: a little before {@code startMs} (the lead-in), so
   *     soft first sounds ("h" of "hello") that stay under the threshold are not cut off
   * @param pcm 8 kHz mono samples from {@code audioStartMs} to a little after {@code endMs}
   * @param cutAtMaxLength true when the speech went on past the maximum utterance length and was
   *     cut there; what follows starts a new utterance
   */
  record Utterance(long startMs, long endMs, long audioStartMs, short[] pcm, boolean cutAtMaxLength)
      implements VoiceEvent {
    public Utterance {
      Objects.requireNonNull(pcm, "pcm");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Utterance u
          && u.startMs == startMs
          && u.endMs == endMs
          && u.audioStartMs == audioStartMs
          && u.cutAtMaxLength == cutAtMaxLength
          && Arrays.equals(u.pcm, pcm);
    }

    @Override
    public int hashCode() {
      return Objects.hash(startMs, endMs, audioStartMs, cutAtMaxLength) + 31 * Arrays.hashCode(pcm);
    }

    @Override
    public String toString() {
      return "Utterance["
          + startMs
          + "-"
          + endMs
          + " ms, "
          + pcm.length
          + " samples"
          + (cutAtMaxLength ? ", cut at maximum length" : "")
          + "]";
    }
  }
}
