package io.outdial.carrier.sip;

import java.util.Objects;
import java.util.Optional;

/**
 * What the media side contributes to the INVITE's SDP offer: the local RTP socket, opened before
 * the INVITE goes out because the callee's audio may arrive before our ACK. The codecs, DTMF
 * payload type and packet time come from the endpoint's {@link SipSettings}.
 *
 * @param rtpHost the address for the SDP {@code c=} line; empty means the endpoint's public host
 * @param rtpPort the local RTP port (even, RTCP on the next port by convention)
 */
public record SdpOffer(Optional<String> rtpHost, int rtpPort) {
  public SdpOffer {
    Objects.requireNonNull(rtpHost, "rtpHost");
    if (rtpPort < 1 || rtpPort > 65_535) {
      throw new IllegalArgumentException("rtpPort must be between 1 and 65535, got: " + rtpPort);
    }
  }

  /** An offer for this RTP port on the endpoint's public host. */
  public static SdpOffer onPort(int rtpPort) {
    return new SdpOffer(Optional.empty(), rtpPort);
  }
}
