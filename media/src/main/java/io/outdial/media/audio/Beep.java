package io.outdial.media.audio;

/**
 * An answering machine's beep, reported by {@link BeepDetector} once it has ended. Times are
 * milliseconds from the detector's first frame.
 *
 * @param startMs when the tone began (its first full frame)
 * @param endMs when it ended: the recording runs from here, so the voicemail starts now
 * @param frequencyHz the tone's frequency, to the detector's 25 Hz resolution
 */
public record Beep(long startMs, long endMs, int frequencyHz) {
  public Beep {
    if (startMs < 0 || endMs <= startMs) {
      throw new IllegalArgumentException(
          "a beep needs 0 <= startMs < endMs: " + startMs + ", " + endMs);
    }
  }

  /** How long the tone lasted, in ms. */
  public long durationMs() {
    return endMs - startMs;
  }
}
