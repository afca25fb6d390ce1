package io.outdial.media.rtp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One RTP packet (RFC 3550 section 5.1): the fixed header, the contributing sources and the
 * payload. The header extension and padding of a received packet are skipped, not kept: nothing
 * here uses them. Sequence numbers are 16-bit and timestamps and SSRCs 32-bit unsigned, held in
 * {@code int}/{@code long} so that they never read as negative.
 *
 * @param padding whether the packet was (or is to be) padded; writing never pads
 * @param marker the marker bit: first packet of a talk spurt, or of a DTMF event
 * @param payloadType 0-127
 * @param sequence 0-65535, one more per packet sent, wrapping
 * @param timestamp 0-2^32-1, in samples of the payload's clock (8 000 Hz here)
 * @param csrcs up to 15 contributing sources
 */
record RtpPacket(
    boolean padding,
    boolean marker,
    int payloadType,
    int sequence,
    long timestamp,
    long ssrc,
    long[] csrcs,
    byte[] payload) {
  /** Bytes of the fixed header, without contributing sources. */
  static final int HEADER_BYTES = 12;

  private static final int VERSION = 2;

  RtpPacket {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type " + payloadType + " is not in 0-127");
    }
    if (sequence < 0 || sequence > 0xFFFF) {
      throw new IllegalArgumentException("sequence " + sequence + " is not in 0-65535");
    }
    if (timestamp < 0 || timestamp > 0xFFFF_FFFFL || ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("timestamp and SSRC are 32-bit unsigned");
    }
    if (csrcs.length > 15) {
      throw new IllegalArgumentException(csrcs.length + " contributing sources, at most 15");
    }
  }

  /** A packet without padding or contributing sources, as the media engine sends them. */
  static RtpPacket of(
      boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
    return new RtpPacket(
        false, marker, payloadType, sequence, timestamp, ssrc, new long[0], payload);
  }

  /**
   * Reads the packet in {@code data} from its position to its limit, copying the payload.
   *
   * @throws MalformedPacketException when the datagram is too short, not RTP version 2, RTCP sent
   *     to the RTP port, or its contributing sources, extension or padding overrun its length
   */
  static RtpPacket parse(ByteBuffer data) throws MalformedPacketException {
    int start = data.position();
    int length = data.remaining();
    if (length < HEADER_BYTES) {
      throw new MalformedPacketException(length + " bytes is shorter than the 12-byte RTP header");
    }
    int first = data.get(start) & 0xFF;
    int version = first >>> 6;
    if (version != VERSION) {
      throw new MalformedPacketException("RTP version " + version + ", expected 2");
    }
    boolean padding = (first & 0x20) != 0;
    boolean extension = (first & 0x10) != 0;
    int csrcCount = first & 0x0F;
    int second = data.get(start + 1) & 0xFF;
    if (second >= 200 && second <= 204) {
      throw new MalformedPacketException("RTCP packet type " + second + " on the RTP port");
    }
    int offset = HEADER_BYTES + 4 * csrcCount;
    if (offset > length) {
      throw new MalformedPacketException(
          csrcCount + " contributing sources overrun a " + length + "-byte packet");
    }
    long[] csrcs = new long[csrcCount];
    for (int i = 0; i < csrcCount; i++) {
      csrcs[i] = Integer.toUnsignedLong(data.getInt(start + HEADER_BYTES + 4 * i));
    }
    if (extension) {
      if (offset + 4 > length) {
        throw new MalformedPacketException(
            "header extension overruns a " + length + "-byte packet");
      }
      int words = data.getShort(start + offset + 2) & 0xFFFF;
      offset += 4 + 4 * words;
      if (offset > length) {
        throw new MalformedPacketException(
            "header extension of " + words + " words overruns a " + length + "-byte packet");
      }
    }
    int end = length;
    if (padding) {
      int pad = data.get(start + length - 1) & 0xFF;
      if (pad == 0 || offset + pad > length) {
        throw new MalformedPacketException(
            "padding of " + pad + " bytes does not fit a " + length + "-byte packet");
      }
      end -= pad;
    }
    byte[] payload = new byte[end - offset];
    data.get(start + offset, payload);
    return new RtpPacket(
        padding,
        (second & 0x80) != 0,
        second & 0x7F,
        data.getShort(start + 2) & 0xFFFF,
        Integer.toUnsignedLong(data.getInt(start + 4)),
        Integer.toUnsignedLong(data.getInt(start + 8)),
        csrcs,
        payload);
  }

  /**
   * Writes the packet (header, contributing sources, payload; no padding) at the buffer's position.
   */
  void writeTo(ByteBuffer out) {
    writeHeader(out, marker, payloadType, sequence, timestamp, ssrc, csrcs.length);
    for (long csrc : csrcs) {
      out.putInt((int) csrc);
    }
    out.put(payload);
  }

  /**
   * Writes a fixed header at the buffer's position; the send path uses it directly to fill a reused
   * buffer without building a packet object per frame. The caller appends {@code csrcCount} sources
   * and the payload.
   */
  static void writeHeader(
      ByteBuffer out,
      boolean marker,
      int payloadType,
      int sequence,
      long timestamp,
      long ssrc,
      int csrcCount) {
    out.put((byte) ((VERSION << 6) | csrcCount));
    out.put((byte) ((marker ? 0x80 : 0) | payloadType));
    out.putShort((short) sequence);
    out.putInt((int) timestamp);
    out.putInt((int) ssrc);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RtpPacket p
        && padding == p.padding
        && marker == p.marker
        && payloadType == p.payloadType
        && sequence == p.sequence
        && timestamp == p.timestamp
        && ssrc == p.ssrc
        && Arrays.equals(csrcs, p.csrcs)
        && Arrays.equals(payload, p.payload);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(ssrc) + 17 * sequence + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "RtpPacket[pt="
        + payloadType
        + ", seq="
        + sequence
        + ", ts="
        + timestamp
        + ", ssrc="
        + ssrc
        + ", marker="
        + marker
        + ", csrcs="
        + csrcs.length
        + ", payload="
        + payload.length
        + " bytes]";
  }
}
