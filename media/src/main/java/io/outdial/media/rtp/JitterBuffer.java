package io.outdial.media.rtp;

import java.util.Arrays;

/**
 * Puts one session's received packets back in order and plays them out as 20 ms frames at the pace
 * of the caller's clock (the engine's pacing tick), a fixed depth behind the newest packet.
 *
 * <p>Packets are placed by their 16-bit sequence number, compared modulo 2^16 so that 65535 is
 * followed by 0. Play-out starts once {@code depth} worth of audio is buffered (or {@code depth}
 * ticks after the first packet, for a stream that sends little). At each tick the frame is taken
 * from the next sequence numbers in order; a sequence number that is missing while later ones are
 * already here is lost and played as silence, and a packet that arrives after its turn is late and
 * dropped. When the buffer runs dry (the sender paused, or the network held packets back) frames of
 * silence are played and nothing is counted lost; play-out resumes once {@code depth} is buffered
 * again, from the oldest packet then present, counting any sequence numbers skipped as lost. A new
 * SSRC, or a jump of more than {@value #CAPACITY} packets either way, is a new stream: the buffer
 * starts over.
 *
 * <p>Packets of other sizes than 20 ms are re-framed, so frames are always 160 samples. It counts
 * received (every packet offered), lost, late and duplicate packets. Not thread-safe: the session
 * guards it with its receive lock.
 */
final class JitterBuffer {
  /** Packets held at most (1.28 s of 20 ms packets). */
  static final int CAPACITY = 64;

  private static final int MASK = CAPACITY - 1;
  private static final int SAMPLES = MediaEngine.FRAME_SAMPLES;

  private final int depthSamples;
  private final int depthTicks;
  private final int[] sequences = new int[CAPACITY];
  private final short[][] slots = new short[CAPACITY][];
  private boolean started;
  private boolean playing;
  private boolean deliveredAny;
  private long ssrc;
  private int next;
  private int count;
  private int bufferedSamples;
  private int waitedTicks;
  private int lastPacketSamples = SAMPLES;
  private short[] pending;
  private int pendingOffset;
  private final Counters counters;

  /**
   * @param depthFrames target depth in 20 ms frames (3 = 60 ms)
   * @param counters where received, lost, late and duplicate packets are counted
   */
  JitterBuffer(int depthFrames, Counters counters) {
    this.counters = counters;
    if (depthFrames < 1 || depthFrames > CAPACITY / 2) {
      throw new IllegalArgumentException(
          "jitter buffer depth of " + depthFrames + " frames is not in 1-" + CAPACITY / 2);
    }
    depthSamples = depthFrames * SAMPLES;
    depthTicks = depthFrames;
  }

  /** Adds the decoded {@code samples} of packet {@code sequence} from stream {@code ssrc}. */
  void offer(int sequence, long ssrc, short[] samples) {
    counters.increment(Counters.Kind.PACKETS_RECEIVED);
    if (!started || ssrc != this.ssrc) {
      restart(sequence, ssrc);
    }
    int ahead = (short) (sequence - next);
    if (ahead >= CAPACITY || ahead < -CAPACITY) {
      restart(sequence, ssrc);
      ahead = 0;
    }
    if (ahead < 0 && !deliveredAny && !playing && maxAhead() - ahead < CAPACITY) {
      next = sequence; // an earlier packet overtook the first one before play-out began
      ahead = 0;
    }
    if (ahead < 0) {
      counters.increment(Counters.Kind.PACKETS_LATE);
      return;
    }
    int slot = sequence & MASK;
    if (slots[slot] != null) {
      counters.increment(Counters.Kind.PACKETS_DUPLICATE);
      return;
    }
    sequences[slot] = sequence;
    slots[slot] = samples;
    count++;
    bufferedSamples += samples.length;
  }

  /**
   * The next 160-sample frame, or {@code null} before play-out has begun. Called once per 20 ms
   * tick.
   */
  short[] poll() {
    if (!started) {
      return null;
    }
    if (!playing) {
      waitedTicks++;
      if (bufferedSamples < depthSamples && waitedTicks < depthTicks) {
        return deliveredAny ? new short[SAMPLES] : null;
      }
      resume();
    }
    deliveredAny = true;
    short[] frame = new short[SAMPLES];
    int filled = 0;
    while (filled < SAMPLES) {
      if (pending != null) {
        int n = Math.min(SAMPLES - filled, pending.length - pendingOffset);
        System.arraycopy(pending, pendingOffset, frame, filled, n);
        filled += n;
        pendingOffset += n;
        if (pendingOffset == pending.length) {
          pending = null;
        }
      } else if (!takeNext()) {
        playing = false; // ran dry: the rest of this frame is silence, then buffer up again
        waitedTicks = 0;
        break;
      }
    }
    return frame;
  }

  /** Moves the packet due next (or silence in place of a lost one) to {@code pending}. */
  private boolean takeNext() {
    if (count == 0) {
      return false;
    }
    int slot = next & MASK;
    short[] samples = slots[slot];
    if (samples != null && sequences[slot] == next) {
      slots[slot] = null;
      count--;
      bufferedSamples -= samples.length;
      if (samples.length > 0) {
        lastPacketSamples = samples.length;
      }
      pending = samples;
    } else {
      counters.increment(Counters.Kind.PACKETS_LOST);
      pending = new short[lastPacketSamples];
    }
    pendingOffset = 0;
    next = (next + 1) & 0xFFFF;
    return true;
  }

  /** Resumes play-out at the oldest packet buffered, counting the sequence numbers skipped. */
  private void resume() {
    playing = true;
    if (count == 0) {
      return;
    }
    int skipped = 0;
    while (slots[next & MASK] == null || sequences[next & MASK] != next) {
      next = (next + 1) & 0xFFFF;
      skipped++;
    }
    counters.add(Counters.Kind.PACKETS_LOST, skipped);
  }

  private int maxAhead() {
    int max = 0;
    for (int i = 0; i < CAPACITY; i++) {
      if (slots[i] != null) {
        max = Math.max(max, (short) (sequences[i] - next));
      }
    }
    return max;
  }

  private void restart(int sequence, long ssrc) {
    Arrays.fill(slots, null);
    started = true;
    playing = false;
    waitedTicks = 0;
    this.ssrc = ssrc;
    next = sequence;
    count = 0;
    bufferedSamples = 0;
  }
}
