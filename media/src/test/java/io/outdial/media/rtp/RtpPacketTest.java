package io.outdial.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RtpPacketTest {
  private static ByteBuffer bytes(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length);
    for (int value : values) {
      buffer.put((byte) value);
    }
    return buffer.flip();
  }

  @Test
  void aWrittenPacketParsesBackToTheSameFields() throws MalformedPacketException {
    RtpPacket packet =
        new RtpPacket(
            false,
            true,
            101,
            65535,
            0xFFFF_FFFFL,
            0xDEAD_BEEFL,
            new long[] {1, 0xFFFF_FFFFL},
            new byte[] {1, 2, 3});
    ByteBuffer buffer = ByteBuffer.allocate(64);
    packet.writeTo(buffer);
    buffer.flip();

    assertThat(buffer.remaining()).isEqualTo(12 + 8 + 3);
    assertThat(RtpPacket.parse(buffer)).isEqualTo(packet);
  }

  @Test
  void theFixedHeaderIsReadBitByBit() throws MalformedPacketException {
    RtpPacket packet =
        RtpPacket.parse(
            bytes(0x80, 0x88, 0x12, 0x34, 0x00, 0x00, 0x01, 0x00, 0xCA, 0xFE, 0xBA, 0xBE, 0xD5));

    assertThat(packet.marker()).isTrue();
    assertThat(packet.payloadType()).isEqualTo(8);
    assertThat(packet.sequence()).isEqualTo(0x1234);
    assertThat(packet.timestamp()).isEqualTo(256);
    assertThat(packet.ssrc()).isEqualTo(0xCAFE_BABEL);
    assertThat(packet.csrcs()).isEmpty();
    assertThat(packet.payload()).containsExactly((byte) 0xD5);
  }

  @Test
  void extensionAndPaddingAreSkipped() throws MalformedPacketException {
    // V=2 P=1 X=1 CC=1, one CSRC, a one-word extension, payload AB CD, three bytes of padding
    RtpPacket packet =
        RtpPacket.parse(
            bytes(
                0xB1, 0x00, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, // fixed header
                0, 0, 0, 9, // CSRC
                0xBE, 0xDE, 0, 1, 1, 2, 3, 4, // extension header and one word
                0xAB, 0xCD, // payload
                0, 0, 3)); // padding, its last byte counting itself

    assertThat(packet.padding()).isTrue();
    assertThat(packet.csrcs()).containsExactly(9L);
    assertThat(packet.payload()).containsExactly((byte) 0xAB, (byte) 0xCD);
  }

  @Test
  void parsingStartsAtTheBufferPosition() throws MalformedPacketException {
    ByteBuffer buffer = ByteBuffer.allocate(40);
    buffer.position(7);
    RtpPacket.of(false, 0, 5, 6, 7, new byte[] {42}).writeTo(buffer);
    buffer.flip().position(7);

    assertThat(RtpPacket.parse(buffer).sequence()).isEqualTo(5);
  }

  @Test
  void malformedDatagramsAreRejectedWithTheirReason() {
    assertRejected(bytes(0x80, 0, 0, 1), "shorter than the 12-byte RTP header");
    assertRejected(bytes(0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0), "RTP version 1");
    assertRejected(bytes(0x80, 200, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0), "RTCP packet type 200");
    assertRejected(bytes(0x82, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), "2 contributing");
    assertRejected(bytes(0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE), "header extension");
    assertRejected(
        bytes(0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4),
        "extension of 2 words");
    assertRejected(bytes(0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 9), "padding of 9 bytes");
    assertRejected(bytes(0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0), "padding of 0 bytes");
  }

  private static void assertRejected(ByteBuffer datagram, String reason) {
    assertThatThrownBy(() -> RtpPacket.parse(datagram))
        .isInstanceOf(MalformedPacketException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void fieldsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> RtpPacket.of(false, 128, 0, 0, 0, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload type 128");
    assertThatThrownBy(() -> RtpPacket.of(false, 0, 65536, 0, 0, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sequence 65536");
  }
}
