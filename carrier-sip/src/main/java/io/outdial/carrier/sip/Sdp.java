package io.outdial.carrier.sip;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes our SDP offer and reads the callee's answer (RFC 4566, RFC 3264), limited to what a G.711
 * call needs: one audio stream, static payload types 0 and 8, RFC 4733 telephone events and the
 * packet time. Text in, text out, so that it is tested without a SIP stack.
 */
final class Sdp {
  /** The payload type we offer for RFC 4733 telephone events (DTMF). */
  static final int TELEPHONE_EVENT_PT = 101;

  /** The packet time we offer and assume when the answer does not say, in milliseconds. */
  static final int PTIME_MS = 20;

  private Sdp() {}

  /**
   * The offer: our codecs in order of preference, telephone-event/8000 on PT 101 with events 0-15,
   * ptime 20, sendrecv.
   *
   * @param sessionId the origin's session id (any number unique enough for this host)
   * @param host the address for {@code o=} and {@code c=}
   * @param rtpPort our RTP port for {@code m=}
   */
  static String offer(long sessionId, String host, int rtpPort, List<Codec> codecs) {
    String addrType = host.contains(":") ? "IP6" : "IP4";
    StringBuilder formats = new StringBuilder();
    StringBuilder rtpmaps = new StringBuilder();
    for (Codec c : codecs) {
      formats.append(c.payloadType()).append(' ');
      rtpmaps
          .append("a=rtpmap:")
          .append(c.payloadType())
          .append(' ')
          .append(c.name())
          .append('/')
          .append(Codec.CLOCK_RATE_HZ)
          .append("\r\n");
    }
    formats.append(TELEPHONE_EVENT_PT);
    return "v=0\r\n"
        + ("o=outdial " + sessionId + " " + sessionId + " IN " + addrType + " " + host + "\r\n")
        + "s=outdial\r\n"
        + ("c=IN " + addrType + " " + host + "\r\n")
        + "t=0 0\r\n"
        + ("m=audio " + rtpPort + " RTP/AVP " + formats + "\r\n")
        + rtpmaps
        + ("a=rtpmap:" + TELEPHONE_EVENT_PT + " telephone-event/8000\r\n")
        + ("a=fmtp:" + TELEPHONE_EVENT_PT + " 0-15\r\n")
        + ("a=ptime:" + PTIME_MS + "\r\n")
        + "a=sendrecv\r\n";
  }

  /** Why an answer could not be used. */
  static final class UnusableAnswerException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean noCommonCodec;

    UnusableAnswerException(String message, boolean noCommonCodec) {
      super(message);
      this.noCommonCodec = noCommonCodec;
    }

    /** True when the answer was well formed but chose no codec we offered. */
    boolean noCommonCodec() {
      return noCommonCodec;
    }
  }

  /**
   * Reads the answer's first audio stream. The chosen codec is the first format of the {@code m=}
   * line that we offered (by static payload type, or by an rtpmap naming PCMU or PCMA at 8000 Hz).
   *
   * @throws UnusableAnswerException when there is no usable audio stream or no common codec
   */
  static SdpAnswer parseAnswer(String sdp, List<Codec> offered) throws UnusableAnswerException {
    if (sdp == null || sdp.isBlank()) {
      throw new UnusableAnswerException("the answer has no SDP body", false);
    }
    String sessionHost = null;
    String mediaHost = null;
    String mediaLine = null;
    Map<Integer, String> rtpmap = new HashMap<>();
    int ptime = PTIME_MS;
    Section section = Section.SESSION;
    for (String raw : sdp.split("\r?\n")) {
      String line = raw.strip();
      if (line.length() < 2 || line.charAt(1) != '=') {
        continue;
      }
      char type = line.charAt(0);
      String value = line.substring(2).strip();
      if (type == 'm') {
        if (mediaLine != null) {
          break; // only the first active audio stream matters
        }
        boolean audio = value.startsWith("audio ") && !value.startsWith("audio 0 ");
        section = audio ? Section.AUDIO : Section.OTHER;
        if (audio) {
          mediaLine = value;
        }
      } else if (section == Section.OTHER) {
        continue;
      } else if (type == 'c') {
        if (section == Section.SESSION) {
          sessionHost = connectionHost(value);
        } else {
          mediaHost = connectionHost(value);
        }
      } else if (type == 'a' && value.startsWith("rtpmap:")) {
        String[] parts = value.substring(7).split("\\s+", 2);
        if (parts.length == 2) {
          parseInt(parts[0]).ifPresent(pt -> rtpmap.put(pt, parts[1].toLowerCase(Locale.ROOT)));
        }
      } else if (type == 'a' && value.startsWith("ptime:")) {
        ptime = parseInt(value.substring(6)).filter(p -> p > 0).orElse(PTIME_MS);
      }
    }
    if (mediaLine == null) {
      throw new UnusableAnswerException("the answer has no active audio stream", true);
    }
    String host = mediaHost != null ? mediaHost : sessionHost;
    if (host == null) {
      throw new UnusableAnswerException("the answer has no connection address", false);
    }
    String[] m = mediaLine.split("\\s+");
    if (m.length < 4) {
      throw new UnusableAnswerException("malformed m= line: " + mediaLine, false);
    }
    int port =
        parseInt(m[1].contains("/") ? m[1].substring(0, m[1].indexOf('/')) : m[1])
            .filter(p -> p > 0 && p <= 65_535)
            .orElseThrow(() -> new UnusableAnswerException("bad port in m= line: " + m[1], false));
    Codec chosen = null;
    int telephoneEvent = -1;
    List<Integer> formats = new ArrayList<>();
    for (int i = 3; i < m.length; i++) {
      parseInt(m[i]).ifPresent(formats::add);
    }
    for (int pt : formats) {
      String map = rtpmap.get(pt);
      Optional<Codec> codec =
          map != null ? codecOf(map) : pt < 96 ? Codec.byPayloadType(pt) : Optional.empty();
      if (chosen == null && codec.isPresent() && offered.contains(codec.get())) {
        chosen = codec.get();
      }
      if (telephoneEvent < 0 && map != null && map.startsWith("telephone-event/8000")) {
        telephoneEvent = pt;
      }
    }
    if (chosen == null) {
      throw new UnusableAnswerException(
          "the answer chose none of the offered codecs: " + mediaLine, true);
    }
    var remote = new InetSocketAddress(host, port);
    if (remote.isUnresolved()) {
      throw new UnusableAnswerException("the answer's address does not resolve: " + host, false);
    }
    return new SdpAnswer(remote, chosen, telephoneEvent, ptime);
  }

  private enum Section {
    SESSION,
    AUDIO,
    OTHER
  }

  private static Optional<Codec> codecOf(String rtpmap) {
    int slash = rtpmap.indexOf('/');
    if (slash < 0 || !rtpmap.startsWith("8000", slash + 1)) {
      return Optional.empty();
    }
    return Codec.byName(rtpmap.substring(0, slash));
  }

  private static String connectionHost(String value) {
    String[] parts = value.split("\\s+");
    if (parts.length < 3) {
      return null;
    }
    String host = parts[2];
    int slash = host.indexOf('/'); // multicast TTL
    return slash < 0 ? host : host.substring(0, slash);
  }

  private static Optional<Integer> parseInt(String s) {
    try {
      return Optional.of(Integer.parseInt(s.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
