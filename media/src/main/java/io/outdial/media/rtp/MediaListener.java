package io.outdial.media.rtp;

/**
 * Receives one session's incoming media. Both methods are called from the engine's pacing thread,
 * one session's calls never at the same time and always in order, right after the outgoing frames
 * of every session were sent: the jitter buffer needs a steady 20 ms clock to play out and the
 * pacing task is that clock, already running, so no further thread is needed.
 *
 * <p>The pacing thread serves every call of the engine, so these methods must be quick (a copy, a
 * few arithmetic operations on 160 samples, handing work to an executor): one that blocks delays
 * the audio of every other call. An exception thrown here is logged and otherwise ignored.
 */
public interface MediaListener {
  /**
   * The next 20 ms of the callee's audio: 160 PCM16 samples at 8 kHz, in play-out order. A packet
   * that was lost, and time while the sender was silent, arrive as frames of zeros. The array is
   * the listener's to keep.
   */
  void onAudioFrame(short[] samples);

  /** A DTMF digit ({@code 0-9 * # A-D}) received as an RFC 4733 event, once per key press. */
  void onDtmf(char digit);
}
