package io.outdial.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.media.rtp.Counters.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTest {
  private static final long SSRC = 0x1234;
  private final Counters counters = new Counters(null);
  private final JitterBuffer buffer = new JitterBuffer(3, counters);

  /** A packet whose samples all say which one it is. */
  private static short[] packet(int id) {
    return packet(id, 160);
  }

  private static short[] packet(int id, int samples) {
    short[] pcm = new short[samples];
    java.util.Arrays.fill(pcm, (short) id);
    return pcm;
  }

  private void offer(int sequence) {
    buffer.offer(sequence, SSRC, packet(sequence % 30_000 + 1));
  }

  /** The id of each polled frame: the packet it came from, 0 for silence, -1 for none. */
  private List<Integer> poll(int frames) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      short[] frame = buffer.poll();
      if (frame == null) {
        ids.add(-1);
      } else {
        assertThat(frame).hasSize(160);
        assertThat(frame).containsOnly(frame[0]);
        ids.add((int) frame[0]);
      }
    }
    return ids;
  }

  @Test
  void nothingIsPlayedUntilTheTargetDepthIsBuffered() {
    assertThat(poll(1)).containsExactly(-1);
    offer(10);
    assertThat(poll(1)).containsExactly(-1);
    offer(11);
    offer(12);
    assertThat(poll(3)).containsExactly(11, 12, 13);
  }

  @Test
  void aStreamThatSendsLittleStillStartsAfterTheDepthInTicks() {
    offer(10);
    assertThat(poll(3)).containsExactly(-1, -1, 11);
  }

  @Test
  void packetsAreReorderedBySequenceNumber() {
    offer(10);
    offer(12);
    offer(11);
    offer(14);
    offer(13);
    assertThat(poll(5)).containsExactly(11, 12, 13, 14, 15);
    assertThat(counters.get(Kind.PACKETS_LOST)).isZero();
  }

  @Test
  void sequenceNumbersWrapAroundFrom65535ToZero() {
    offer(65535);
    offer(65534); // overtook the first one before play-out began
    offer(1);
    offer(0);
    offer(2);
    assertThat(poll(5)).containsExactly(65534 % 30_000 + 1, 65535 % 30_000 + 1, 1, 2, 3);
    assertThat(counters.get(Kind.PACKETS_LOST)).isZero();
    assertThat(counters.get(Kind.PACKETS_LATE)).isZero();
  }

  @Test
  void aMissingPacketIsPlayedAsSilenceAndCountedLostAndIsLateWhenItComes() {
    for (int seq : new int[] {1, 2, 3, 5, 6}) {
      offer(seq);
    }
    assertThat(poll(4)).containsExactly(2, 3, 4, 0);
    offer(4);
    assertThat(poll(2)).containsExactly(6, 7);
    assertThat(counters.get(Kind.PACKETS_LOST)).isEqualTo(1);
    assertThat(counters.get(Kind.PACKETS_LATE)).isEqualTo(1);
    assertThat(counters.get(Kind.PACKETS_RECEIVED)).isEqualTo(6);
  }

  @Test
  void duplicatesAreDroppedAndCounted() {
    offer(7);
    offer(7);
    offer(8);
    offer(9);
    offer(8);
    assertThat(poll(3)).containsExactly(8, 9, 10);
    assertThat(counters.get(Kind.PACKETS_DUPLICATE)).isEqualTo(2);
  }

  @Test
  void whenTheSenderPausesSilenceIsPlayedWithoutLossAndPlayOutResumesAtTheDepth() {
    offer(1);
    offer(2);
    offer(3);
    assertThat(poll(5)).containsExactly(2, 3, 4, 0, 0);
    offer(4);
    assertThat(poll(1)).containsExactly(0); // buffering again: one of three frames
    offer(5);
    offer(6);
    assertThat(poll(3)).containsExactly(5, 6, 7);
    assertThat(counters.get(Kind.PACKETS_LOST)).isZero();
  }

  @Test
  void aNewSsrcStartsTheBufferOver() {
    offer(100);
    offer(101);
    offer(102);
    assertThat(poll(1)).containsExactly(101);
    buffer.offer(5000, 99, packet(7));
    buffer.offer(5001, 99, packet(8));
    buffer.offer(5002, 99, packet(9));
    assertThat(poll(3)).containsExactly(7, 8, 9);
    assertThat(counters.get(Kind.PACKETS_LATE)).isZero();
    assertThat(counters.get(Kind.PACKETS_LOST)).isZero();
  }

  @Test
  void tenMillisecondPacketsAreJoinedIntoTwentyMillisecondFrames() {
    for (int seq = 0; seq < 8; seq++) {
      buffer.offer(seq, SSRC, packet(seq + 1, 80));
    }
    List<short[]> frames = List.of(buffer.poll(), buffer.poll());
    assertThat(frames.get(0)).startsWith(packet(1, 80)).endsWith(packet(2, 80));
    assertThat(frames.get(1)).startsWith(packet(3, 80)).endsWith(packet(4, 80));
  }
}
