package io.outdial.media.audio;

/**
 * Bytes that are not a WAV file this package can read: not RIFF/WAVE, truncated, or an encoding
 * other than 16-bit PCM. The message says which, with the WAV format code when that is the reason,
 * so a misconfigured text-to-speech server ({@code response_format}) is easy to spot.
 */
public class WavFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public WavFormatException(String message) {
    super(message);
  }
}
