package io.outdial.media.rtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes the one RTCP report the engine sends: a compound packet of a Sender Report without report
 * blocks and a source description with the CNAME (RFC 3550 sections 6.4.1, 6.5 and 6.1, which
 * require the CNAME in every compound packet). Trunks use it to see that the media stream is alive
 * and some tear a call down after a long silence on RTCP; nothing here reads their reports, which
 * are drained and dropped.
 */
final class Rtcp {
  private static final int SENDER_REPORT = 200;
  private static final int SOURCE_DESCRIPTION = 202;
  private static final int CNAME = 1;
  private static final long NTP_EPOCH_OFFSET_SECONDS = 2_208_988_800L; // 1900-01-01 to 1970

  private Rtcp() {}

  /**
   * Writes the compound report at the buffer's position.
   *
   * @param rtpTimestamp the RTP timestamp that corresponds to {@code now}
   * @param packets RTP packets sent so far
   * @param octets payload bytes sent so far
   */
  static void writeReport(
      ByteBuffer out,
      long ssrc,
      Instant now,
      long rtpTimestamp,
      long packets,
      long octets,
      String cname) {
    out.put((byte) 0x80); // version 2, no padding, no report blocks
    out.put((byte) SENDER_REPORT);
    out.putShort((short) 6); // length in 32-bit words minus one
    out.putInt((int) ssrc);
    out.putInt((int) (now.getEpochSecond() + NTP_EPOCH_OFFSET_SECONDS));
    out.putInt((int) ((now.getNano() * (1L << 32)) / 1_000_000_000L));
    out.putInt((int) rtpTimestamp);
    out.putInt((int) packets);
    out.putInt((int) octets);

    byte[] name = cname.getBytes(StandardCharsets.US_ASCII);
    int chunk = 4 + 2 + name.length + 1; // SSRC, item header, text, end of items
    int padded = (chunk + 3) & ~3;
    out.put((byte) 0x81); // version 2, one chunk
    out.put((byte) SOURCE_DESCRIPTION);
    out.putShort((short) (padded / 4));
    out.putInt((int) ssrc);
    out.put((byte) CNAME);
    out.put((byte) name.length);
    out.put(name);
    for (int i = chunk - 1; i < padded; i++) {
      out.put((byte) 0);
    }
  }
}
