package io.outdial.carrier.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpTest {
  private static final List<Codec> BOTH = List.of(Codec.PCMU, Codec.PCMA);

  @Test
  void theOfferListsOurCodecsInOrderWithTelephoneEventsAndPtime() {
    String offer = Sdp.offer(42, "203.0.113.7", 40_000, List.of(Codec.PCMA, Codec.PCMU));

    assertThat(offer.split("\r\n"))
        .containsExactly(
            "v=0",
            "o=outdial 42 42 IN IP4 203.0.113.7",
            "s=outdial",
            "c=IN IP4 203.0.113.7",
            "t=0 0",
            "m=audio 40000 RTP/AVP 8 0 101",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=ptime:20",
            "a=sendrecv");
    assertThat(offer).endsWith("\r\n");
  }

  @Test
  void anIpv6HostGivesAnIp6Address() {
    assertThat(Sdp.offer(1, "2001:db8::1", 40_000, BOTH)).contains("c=IN IP6 2001:db8::1\r\n");
  }

  @Test
  void theAnswerGivesAddressPortFirstCommonCodecDtmfAndPtime() throws Exception {
    String answer =
        """
        v=0
        o=- 1 2 IN IP4 192.0.2.10
        s=-
        c=IN IP4 192.0.2.10
        t=0 0
        m=audio 30000 RTP/AVP 8 0 96
        a=rtpmap:8 PCMA/8000
        a=rtpmap:96 telephone-event/8000
        a=ptime:30
        """;

    SdpAnswer a = Sdp.parseAnswer(answer, BOTH);

    assertThat(a.remoteRtp().getAddress().getHostAddress()).isEqualTo("192.0.2.10");
    assertThat(a.remoteRtp().getPort()).isEqualTo(30_000);
    assertThat(a.codec()).isEqualTo(Codec.PCMA);
    assertThat(a.payloadType()).isEqualTo(8);
    assertThat(a.telephoneEventPayloadType()).isEqualTo(96);
    assertThat(a.ptimeMs()).isEqualTo(30);
  }

  @Test
  void aMediaLevelAddressWinsAndMissingDtmfAndPtimeHaveTheirDefaults() throws Exception {
    String answer =
        "v=0\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 30002 RTP/AVP 0\r\nc=IN IP4 192.0.2.2\r\n";

    SdpAnswer a = Sdp.parseAnswer(answer, BOTH);

    assertThat(a.remoteRtp().getAddress().getHostAddress()).isEqualTo("192.0.2.2");
    assertThat(a.codec()).isEqualTo(Codec.PCMU);
    assertThat(a.telephoneEventPayloadType()).isEqualTo(-1);
    assertThat(a.ptimeMs()).isEqualTo(20);
  }

  @Test
  void aRejectedOrMissingAudioStreamOrForeignCodecIsNoCommonCodec() {
    String rejected = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 0 RTP/AVP 0\r\n";
    String foreign = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 30000 RTP/AVP 8\r\n";

    assertThat(
            catchThrowableOfType(
                Sdp.UnusableAnswerException.class, () -> Sdp.parseAnswer(rejected, BOTH)))
        .satisfies(e -> assertThat(e.noCommonCodec()).isTrue());
    assertThat(
            catchThrowableOfType(
                Sdp.UnusableAnswerException.class,
                () -> Sdp.parseAnswer(foreign, List.of(Codec.PCMU))))
        .satisfies(e -> assertThat(e.noCommonCodec()).isTrue())
        .hasMessageContaining("none of the offered codecs");
  }

  @Test
  void anAnswerWithoutBodyOrAddressIsUnusableButNotACodecProblem() {
    assertThat(
            catchThrowableOfType(
                Sdp.UnusableAnswerException.class, () -> Sdp.parseAnswer("", BOTH)))
        .satisfies(e -> assertThat(e.noCommonCodec()).isFalse());
    assertThat(
            catchThrowableOfType(
                Sdp.UnusableAnswerException.class,
                () -> Sdp.parseAnswer("v=0\r\nm=audio 30000 RTP/AVP 0\r\n", BOTH)))
        .satisfies(e -> assertThat(e.noCommonCodec()).isFalse())
        .hasMessageContaining("connection address");
  }

  @Test
  void aVideoStreamBeforeTheAudioIsSkipped() throws Exception {
    String answer =
        "v=0\r\nc=IN IP4 192.0.2.1\r\nm=video 5000 RTP/AVP 96\r\na=rtpmap:96 telephone-event/8000\r\n"
            + "m=audio 30000 RTP/AVP 0\r\n";

    SdpAnswer a = Sdp.parseAnswer(answer, BOTH);

    assertThat(a.remoteRtp().getPort()).isEqualTo(30_000);
    assertThat(a.telephoneEventPayloadType()).isEqualTo(-1);
  }
}
