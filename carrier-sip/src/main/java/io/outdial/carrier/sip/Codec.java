package io.outdial.carrier.sip;

import java.util.Locale;
import java.util.Optional;

/**
 * The G.711 audio codecs the SIP endpoint offers, both 8 kHz mono with static RTP payload types
 * (RFC 3551): what every trunk accepts and what the media code encodes without a library.
 */
public enum Codec {
  /** G.711 µ-law, RTP payload type 0. */
  PCMU(0),
  /** G.711 A-law, RTP payload type 8. */
  PCMA(8);

  /** RTP clock rate of both codecs, in Hz. */
  public static final int CLOCK_RATE_HZ = 8000;

  private final int payloadType;

  Codec(int payloadType) {
    this.payloadType = payloadType;
  }

  /** The static RTP payload type: 0 for PCMU, 8 for PCMA. */
  public int payloadType() {
    return payloadType;
  }

  /** The codec with this static payload type, if it is one of ours. */
  public static Optional<Codec> byPayloadType(int payloadType) {
    for (Codec c : values()) {
      if (c.payloadType == payloadType) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The codec named {@code pcmu} or {@code pcma} (any case), as in settings and SDP rtpmap. */
  public static Optional<Codec> byName(String name) {
    for (Codec c : values()) {
      if (c.name().equals(name.toUpperCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
