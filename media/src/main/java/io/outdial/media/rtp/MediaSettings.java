package io.outdial.media.rtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MediaEngine} binds and times its media. Durations are whole 20 ms frames.
 *
 * @param bindAddress local address of the RTP sockets; the wildcard address by default (the SDP
 *     names the address the trunk should send to, which may be a public one in front of this)
 * @param firstPort lowest RTP port (default 16384)
 * @param lastPort highest port, RTCP included (default 32767)
 * @param jitterDepth how far behind the newest received packet play-out runs (default 60 ms):
 *     longer absorbs more network jitter, shorter hears the callee sooner
 * @param dtmfEventLength tone length of each sent DTMF digit (default 100 ms)
 * @param dtmfGap silence between sent DTMF digits (default 60 ms)
 */
public record MediaSettings(
    InetAddress bindAddress,
    int firstPort,
    int lastPort,
    Duration jitterDepth,
    Duration dtmfEventLength,
    Duration dtmfGap) {

  public MediaSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (firstPort < 1 || lastPort > 65535 || lastPort - ((firstPort + 1) & ~1) < 1) {
      throw new IllegalArgumentException(
          "RTP port range " + firstPort + "-" + lastPort + " holds no even/odd port pair");
    }
    int depth = frames("jitterDepth", jitterDepth);
    if (depth < 1 || depth > JitterBuffer.CAPACITY / 2) {
      throw new IllegalArgumentException(
          "jitterDepth " + jitterDepth.toMillis() + " ms is not in 20-640 ms");
    }
    int event = frames("dtmfEventLength", dtmfEventLength);
    if (event < 2 || event * MediaEngine.FRAME_SAMPLES > 0xFFFF) {
      throw new IllegalArgumentException(
          "dtmfEventLength " + dtmfEventLength.toMillis() + " ms is not in 40-8180 ms");
    }
    frames("dtmfGap", dtmfGap);
  }

  /** Wildcard address, ports 16384-32767, 60 ms jitter depth, 100 ms digits with 60 ms gaps. */
  public static MediaSettings defaults() {
    try {
      return new MediaSettings(
          InetAddress.getByAddress(new byte[4]),
          16384,
          32767,
          Duration.ofMillis(60),
          Duration.ofMillis(100),
          Duration.ofMillis(60));
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError("a four-byte address is always valid", e);
    }
  }

  public MediaSettings withBindAddress(InetAddress address) {
    return new MediaSettings(address, firstPort, lastPort, jitterDepth, dtmfEventLength, dtmfGap);
  }

  public MediaSettings withPortRange(int first, int last) {
    return new MediaSettings(bindAddress, first, last, jitterDepth, dtmfEventLength, dtmfGap);
  }

  public MediaSettings withJitterDepth(Duration depth) {
    return new MediaSettings(bindAddress, firstPort, lastPort, depth, dtmfEventLength, dtmfGap);
  }

  public MediaSettings withDtmfTiming(Duration eventLength, Duration gap) {
    return new MediaSettings(bindAddress, firstPort, lastPort, jitterDepth, eventLength, gap);
  }

  int jitterDepthFrames() {
    return (int) (jitterDepth.toMillis() / MediaEngine.FRAME_MILLIS);
  }

  int dtmfEventFrames() {
    return (int) (dtmfEventLength.toMillis() / MediaEngine.FRAME_MILLIS);
  }

  int dtmfGapFrames() {
    return (int) (dtmfGap.toMillis() / MediaEngine.FRAME_MILLIS);
  }

  private static int frames(String name, Duration duration) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.toNanos() % (MediaEngine.FRAME_MILLIS * 1_000_000) != 0) {
      throw new IllegalArgumentException(
          name + " of " + duration.toMillis() + " ms is not a whole number of 20 ms frames");
    }
    return (int) (duration.toMillis() / MediaEngine.FRAME_MILLIS);
  }
}
