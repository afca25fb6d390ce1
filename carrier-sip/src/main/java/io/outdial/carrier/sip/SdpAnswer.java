package io.outdial.carrier.sip;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the callee's 200 OK said about media: where to send RTP and in which format.
 *
 * @param remoteRtp the callee's RTP address and port (from {@code c=} and {@code m=}); RTCP goes by
 *     convention to the next port
 * @param codec the codec the callee chose among those we offered (the first one it listed)
 * @param telephoneEventPayloadType the RTP payload type for RFC 4733 DTMF, or -1 when the callee
 *     did not accept telephone events
 * @param ptimeMs the packet time in milliseconds the callee asked for (20 when it said nothing)
 */
public record SdpAnswer(
    InetSocketAddress remoteRtp, Codec codec, int telephoneEventPayloadType, int ptimeMs) {
  public SdpAnswer {
    Objects.requireNonNull(remoteRtp, "remoteRtp");
    Objects.requireNonNull(codec, "codec");
    if (telephoneEventPayloadType < -1 || telephoneEventPayloadType > 127) {
      throw new IllegalArgumentException(
          "telephoneEventPayloadType must be -1 or 0..127, got: " + telephoneEventPayloadType);
    }
    if (ptimeMs <= 0) {
      throw new IllegalArgumentException("ptimeMs must be positive, got: " + ptimeMs);
    }
  }

  /** The chosen codec's static RTP payload type: 0 (PCMU) or 8 (PCMA). */
  public int payloadType() {
    return codec.payloadType();
  }
}
