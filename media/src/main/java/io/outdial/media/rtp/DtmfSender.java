package io.outdial.media.rtp;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Plays queued DTMF digits into the outgoing stream, one 20 ms frame at a time, as RFC 4733
 * telephone events or, when the peer accepted none, as in-band dual tones.
 *
 * <p>An event keeps the RTP timestamp of its first frame; its packets carry the marker bit on the
 * first one, a duration that grows by one frame per packet, volume 10 (-10 dBm0), and end with
 * three packets carrying the E bit and the full duration (RFC 4733 section 2.5.1.4: the end is
 * repeated because a lost end would leave the far end hearing the digit forever). The two repeated
 * end packets count as part of the gap before the next digit. While digits are queued, voice is
 * paused (the frames of the gap are silence), so a prompt is never played in 60 ms pieces between
 * digits; voice resumes after the last digit. Not thread-safe: the session guards it with its
 * outgoing lock.
 */
final class DtmfSender {
  /** What the next frame carries. */
  enum Output {
    /** No DTMF now: send the next voice frame. */
    VOICE,
    /** A telephone-event packet: send {@code eventOut} with the event's timestamp and marker. */
    EVENT,
    /** A frame of in-band tone or inter-digit silence: send {@code pcmOut} as voice. */
    AUDIO
  }

  static final int VOLUME = 10;
  private static final int END_REPEATS = 3;
  private static final int SAMPLES = MediaEngine.FRAME_SAMPLES;
  private static final double TONE_AMPLITUDE = 10_000;
  private static final int[] LOW_HZ = {697, 770, 852, 941};
  private static final int[] HIGH_HZ = {1209, 1336, 1477, 1633};
  private static final String KEYPAD = "123A456B789C*0#D";

  private final int eventFrames;
  private final int gapFrames;
  private final ArrayDeque<Character> queue = new ArrayDeque<>();
  private char digit;
  private boolean active;
  private boolean inBand;
  private boolean marker;
  private long eventTimestamp;
  private int frame;
  private int gapLeft;

  /**
   * @param eventFrames length of each digit in 20 ms frames (5 = 100 ms)
   * @param gapFrames silence between digits in 20 ms frames (3 = 60 ms)
   */
  DtmfSender(int eventFrames, int gapFrames) {
    if (eventFrames < 1 || eventFrames * SAMPLES > 0xFFFF || gapFrames < 0) {
      throw new IllegalArgumentException(
          "DTMF event of " + eventFrames + " frames and gap of " + gapFrames + " frames");
    }
    this.eventFrames = eventFrames;
    this.gapFrames = gapFrames;
  }

  /** Queues {@code digits} after those still playing; rejects the whole string on a bad digit. */
  void enqueue(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      TelephoneEvent.codeOf(digits.charAt(i));
    }
    for (int i = 0; i < digits.length(); i++) {
      queue.add(Character.toUpperCase(digits.charAt(i)));
    }
  }

  /** Whether a digit is playing or waiting. */
  boolean busy() {
    return active || !queue.isEmpty();
  }

  /** Whether the last {@link Output#EVENT} starts its event. */
  boolean marker() {
    return marker;
  }

  /** RTP timestamp of the event of the last {@link Output#EVENT}. */
  long eventTimestamp() {
    return eventTimestamp;
  }

  /**
   * Decides the frame whose RTP timestamp is {@code timestamp}.
   *
   * @param telephoneEvents whether the peer accepted RFC 4733 events; decided per digit
   * @param eventOut receives the four payload bytes of an {@link Output#EVENT}
   * @param pcmOut receives 160 samples of an {@link Output#AUDIO}
   */
  Output next(long timestamp, boolean telephoneEvents, byte[] eventOut, short[] pcmOut) {
    if (!active) {
      if (gapLeft > 0) {
        gapLeft--;
        if (queue.isEmpty()) {
          return Output.VOICE;
        }
        Arrays.fill(pcmOut, 0, SAMPLES, (short) 0);
        return Output.AUDIO;
      }
      if (queue.isEmpty()) {
        return Output.VOICE;
      }
      digit = queue.poll();
      active = true;
      inBand = !telephoneEvents;
      eventTimestamp = timestamp;
      frame = 0;
    }
    frame++;
    return inBand ? tone(pcmOut) : event(eventOut);
  }

  /** Drops the digits not yet started; a digit already playing finishes. */
  void clearQueued() {
    queue.clear();
  }

  private Output event(byte[] out) {
    marker = frame == 1;
    boolean end = frame >= eventFrames;
    int duration = Math.min(frame, eventFrames) * SAMPLES;
    new TelephoneEvent(TelephoneEvent.codeOf(digit), end, VOLUME, duration).writeTo(out, 0);
    if (frame == eventFrames + END_REPEATS - 1) {
      active = false;
      gapLeft = Math.max(0, gapFrames - (END_REPEATS - 1));
    }
    return Output.EVENT;
  }

  private Output tone(short[] out) {
    int key = KEYPAD.indexOf(digit);
    double low = 2 * Math.PI * LOW_HZ[key / 4] / MediaEngine.SAMPLE_RATE;
    double high = 2 * Math.PI * HIGH_HZ[key % 4] / MediaEngine.SAMPLE_RATE;
    int first = (frame - 1) * SAMPLES;
    for (int i = 0; i < SAMPLES; i++) {
      int n = first + i;
      out[i] = (short) Math.round(TONE_AMPLITUDE * (Math.sin(low * n) + Math.sin(high * n)));
    }
    if (frame == eventFrames) {
      active = false;
      gapLeft = gapFrames;
    }
    return Output.AUDIO;
  }
}
