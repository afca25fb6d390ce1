package io.outdial.carrier.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.carrier.sip.BaresipPeer.AnswerMode;
import io.outdial.carrier.sip.SipCallEnd.Reason;
import io.outdial.dialer.spi.EventScheduler;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SIP on loopback against baresip: answer and our BYE, the callee's BYE, busy, codec
 * rejection, ring timeout with CANCEL, and a dead destination. Skipped without baresip (failed on
 * CI, see {@link BaresipPeer}).
 */
class SipEndpointBaresipTest {
  private static final int RTP_PORT = 40_000;

  private static ScheduledExecutorService executor;
  private static EventScheduler scheduler;

  @TempDir Path tmp;
  private BaresipPeer peer;
  private SipEndpoint endpoint;

  @BeforeAll
  static void startScheduler() {
    executor = Executors.newSingleThreadScheduledExecutor();
    scheduler = EventScheduler.of(executor);
  }

  @AfterAll
  static void stopScheduler() {
    executor.shutdownNow();
  }

  @AfterEach
  void stop() {
    Closing.inBackground(endpoint);
    if (peer != null) {
      // -DargLine=-Dsip.debug=1 prints what baresip saw (its SIP trace) after each test
      if (System.getProperty("sip.debug") != null) {
        peer.output().forEach(System.out::println);
      }
      peer.close();
    }
  }

  private SipEndpoint endpoint(int trunkPort, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("trunk-host", "127.0.0.1");
    settings.put("trunk-port", String.valueOf(trunkPort));
    settings.put("bind-host", "127.0.0.1");
    settings.put("bind-port", "0");
    settings.put("ring-timeout", "3s");
    settings.put("failure-timeout", "2s");
    settings.putAll(extra);
    endpoint = SipEndpoint.start(SipSettings.parse(settings), scheduler);
    return endpoint;
  }

  @Test
  void answeredCallGetsThePeersMediaAndOurByeEndsIt() throws Exception {
    peer = BaresipPeer.in(tmp).recording(true).start();
    endpoint(peer.port(), Map.of("p-asserted-identity", "true", "from-domain", "calls.example"));
    var listener = new RecordingSipListener();

    SipCall call =
        endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), listener);
    SdpAnswer answer = listener.awaitAnswer();

    assertThat(answer.codec()).isEqualTo(Codec.PCMU);
    assertThat(answer.payloadType()).isZero();
    assertThat(answer.remoteRtp().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(answer.remoteRtp().getPort()).isPositive().isNotEqualTo(RTP_PORT);
    assertThat(answer.ptimeMs()).isEqualTo(20);
    assertThat(
            peer.awaitOutput(
                l -> l.contains("m=audio " + answer.remoteRtp().getPort() + " RTP/AVP"),
                Duration.ofSeconds(5)))
        .as("the peer's SDP names the port it answered with")
        .isTrue();
    assertThat(peer.output())
        .as("the INVITE as baresip received it")
        .contains(
            "INVITE sip:" + BaresipPeer.NUMBER + "@127.0.0.1:" + peer.port() + " SIP/2.0",
            "P-Asserted-Identity: <sip:15550100@calls.example>",
            "m=audio " + RTP_PORT + " RTP/AVP 0 8 101")
        .anyMatch(l -> l.startsWith("From: <sip:15550100@calls.example>;tag="));

    call.hangUp();
    call.hangUp(); // idempotent
    SipCallEnd end = listener.awaitEnd();

    assertThat(end.reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertThat(peer.awaitOutput(l -> l.contains("session closed"), Duration.ofSeconds(5)))
        .as("baresip received our BYE")
        .isTrue();
    assertThat(listener.events()).containsSubsequence("answered", "ended").endsWith("ended");
    assertThat(endpoint.activeCalls()).isZero();
    assertThat(peer.recordings()).as("sndfile recorded both directions").hasSize(2);
  }

  @Test
  void closingTheEndpointHangsUpItsCallsAndWaitsForThePeersAnswer() throws Exception {
    peer = BaresipPeer.in(tmp).start();
    endpoint(peer.port(), Map.of());
    var answered = new RecordingSipListener();
    var ringing = new RecordingSipListener();
    endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), answered);
    answered.awaitAnswer();

    endpoint.close();

    assertThat(answered.ended)
        .as("the BYE was answered before close() returned")
        .isCompletedWithValueMatching(end -> end.detail().equals("hung up"));
    assertThat(answered.awaitEnd().reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertThat(peer.awaitOutput(l -> l.contains("session closed"), Duration.ofSeconds(5)))
        .as("baresip received our BYE")
        .isTrue();
    assertThat(endpoint.activeCalls()).isZero();
    assertThatThrownBy(
            () ->
                endpoint.call(
                    "15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT + 2), ringing))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingWhileThePeerIsGoneStillEndsEveryCall() throws Exception {
    peer = BaresipPeer.in(tmp).start();
    endpoint(peer.port(), Map.of());
    var listener = new RecordingSipListener();
    endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), listener);
    listener.awaitAnswer();
    peer.kill();

    endpoint.close();

    assertThat(listener.ended).as("ended by close() itself").isDone();
    assertThat(listener.awaitEnd().reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertThat(endpoint.activeCalls()).isZero();
  }

  @Test
  void aTrunkThatWantsDigitsGetsTheNumberWithoutItsPlusAfterTheDialPrefix() throws Exception {
    String dialed = "9" + BaresipPeer.NUMBER;
    peer = BaresipPeer.in(tmp).number(dialed).start();
    endpoint(peer.port(), Map.of("number-format", "digits", "dial-prefix", "9"));
    var listener = new RecordingSipListener();

    SipCall call =
        endpoint.call("15550100", "+" + BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), listener);
    listener.awaitAnswer();
    call.hangUp();

    assertThat(listener.awaitEnd().reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertThat(
            peer.awaitOutput(l -> l.startsWith("To: <sip:" + dialed + "@"), Duration.ofSeconds(5)))
        .as("the To header of the INVITE")
        .isTrue();
    assertThat(peer.output())
        .contains("INVITE sip:" + dialed + "@127.0.0.1:" + peer.port() + " SIP/2.0");
  }

  @Test
  void aCallOverTcpIsAnsweredAndHungUp() throws Exception {
    peer = BaresipPeer.in(tmp).start();
    endpoint(peer.port(), Map.of("transport", "tcp"));
    var listener = new RecordingSipListener();

    SipCall call =
        endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), listener);
    listener.awaitAnswer();
    call.hangUp();

    assertThat(listener.awaitEnd().reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertThat(
            peer.awaitOutput(
                l -> l.startsWith("TCP 127.0.0.1:") && l.contains("->"), Duration.ofSeconds(5)))
        .as("baresip logged SIP over TCP")
        .isTrue();
  }

  @Test
  void hangingUpBeforeAnyResponseEndsTheLegWithinTheFailureTimeout() throws Exception {
    endpoint(BaresipPeer.freeUdpPort(), Map.of("ring-timeout", "60s"));
    var listener = new RecordingSipListener();

    SipCall call = endpoint.call("15550100", "15550199", SdpOffer.onPort(RTP_PORT), listener);
    call.hangUp();
    SipCallEnd end = listener.awaitEnd();

    assertThat(end.reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertThat(listener.events()).containsExactly("ended");
    assertThat(endpoint.activeCalls()).isZero();
  }

  @Test
  void thePeerHangingUpEndsTheLegAsRemoteHangUp() throws Exception {
    peer = BaresipPeer.in(tmp).playSeconds(1).start();
    endpoint(peer.port(), Map.of());
    var listener = new RecordingSipListener();

    endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), listener);
    listener.awaitAnswer();
    SipCallEnd end = listener.awaitEnd();

    assertThat(end.reason()).isEqualTo(Reason.REMOTE_HANGUP);
    assertThat(end.sipStatus()).isZero();
    assertThat(listener.events())
        .containsExactlyElementsOf(withoutRinging(listener, "answered", "ended"));
  }

  @Test
  void aSecondCallToABusyPeerEndsBusyWith486() throws Exception {
    peer = BaresipPeer.in(tmp).maxCalls(1).start();
    endpoint(peer.port(), Map.of());
    var first = new RecordingSipListener();
    SipCall up = endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), first);
    first.awaitAnswer();

    var second = new RecordingSipListener();
    endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT + 2), second);
    SipCallEnd end = second.awaitEnd();

    assertThat(end.reason()).isEqualTo(Reason.BUSY);
    assertThat(end.sipStatus()).isEqualTo(486);
    assertThat(end.detail()).as("the peer's reason phrase is kept").isEqualTo("Max Calls");
    assertThat(second.answered).isNotDone();
    up.hangUp();
    assertThat(first.awaitEnd().reason()).isEqualTo(Reason.LOCAL_HANGUP);
  }

  @Test
  void aPeerWithoutOurCodecRejectsWith488() throws Exception {
    peer = BaresipPeer.in(tmp).codecs("pcma").start();
    endpoint(peer.port(), Map.of("codecs", "pcmu"));
    var listener = new RecordingSipListener();

    endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), listener);
    SipCallEnd end = listener.awaitEnd();

    assertThat(end.reason()).isEqualTo(Reason.CODEC_REJECTED);
    assertThat(end.sipStatus()).isEqualTo(488);
    assertThat(listener.answered).isNotDone();
  }

  @Test
  void aPeerOfferedBothCodecsAnswersWithItsOwnChoice() throws Exception {
    peer = BaresipPeer.in(tmp).codecs("pcma").start();
    endpoint(peer.port(), Map.of("codecs", "pcmu,pcma"));
    var listener = new RecordingSipListener();

    SipCall call =
        endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), listener);
    SdpAnswer answer = listener.awaitAnswer();

    assertThat(answer.codec()).isEqualTo(Codec.PCMA);
    assertThat(answer.payloadType()).isEqualTo(8);
    call.hangUp();
    assertThat(listener.awaitEnd().reason()).isEqualTo(Reason.LOCAL_HANGUP);
  }

  @Test
  void anUnansweredCallIsCancelledAtTheRingTimeoutAsNoAnswer() throws Exception {
    peer = BaresipPeer.in(tmp).answerMode(AnswerMode.MANUAL).start();
    endpoint(peer.port(), Map.of("ring-timeout", "1500ms"));
    var listener = new RecordingSipListener();

    endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), listener);
    SipCallEnd end = listener.awaitEnd();

    assertThat(listener.ringing.getCount()).as("180 Ringing was reported").isZero();
    assertThat(end.reason()).isEqualTo(Reason.NO_ANSWER);
    assertThat(end.sipStatus()).as("the INVITE ended with Request Terminated").isEqualTo(487);
    assertThat(end.detail()).contains("no answer within 1500 ms");
    assertThat(peer.awaitOutput(l -> l.startsWith("CANCEL sip:"), Duration.ofSeconds(5)))
        .as("baresip received the CANCEL")
        .isTrue();
    assertThat(listener.events()).containsExactly("ringing", "ended");
  }

  @Test
  void hangingUpWhileRingingCancelsAsLocalHangUp() throws Exception {
    peer = BaresipPeer.in(tmp).answerMode(AnswerMode.MANUAL).start();
    endpoint(peer.port(), Map.of());
    var listener = new RecordingSipListener();

    SipCall call =
        endpoint.call("15550100", BaresipPeer.NUMBER, SdpOffer.onPort(RTP_PORT), listener);
    assertThat(listener.ringing.await(10, TimeUnit.SECONDS)).isTrue();
    call.hangUp();
    SipCallEnd end = listener.awaitEnd();

    assertThat(end.reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertThat(end.sipStatus()).isEqualTo(487);
  }

  @Test
  void aDeadDestinationFailsAtTheFailureTimeoutNotAfterTimerB() throws Exception {
    int deadPort = BaresipPeer.freeUdpPort(); // nothing listens there
    endpoint(deadPort, Map.of("failure-timeout", "2s", "ring-timeout", "60s"));
    var listener = new RecordingSipListener();

    endpoint.call("15550100", "15550199", SdpOffer.onPort(RTP_PORT), listener);
    // RFC 3261 timer B would end it after 32 s; the 2 s bound must end it long before 15 s
    SipCallEnd end = listener.awaitEnd();

    assertThat(end.reason()).isEqualTo(Reason.FAILED);
    assertThat(end.sipStatus()).isZero();
    assertThat(end.detail()).isEqualTo("no response from the trunk within 2 s");
    assertThat(listener.events()).containsExactly("ended");
  }

  @Test
  void aNumberThePeerDoesNotKnowIsInvalid() throws Exception {
    peer = BaresipPeer.in(tmp).start();
    endpoint(peer.port(), Map.of());
    var listener = new RecordingSipListener();

    endpoint.call("15550100", "15550999", SdpOffer.onPort(RTP_PORT), listener);

    assertThat(listener.awaitEnd())
        .isEqualTo(new SipCallEnd(Reason.INVALID_NUMBER, 404, "Not Found"));
  }

  private static java.util.List<String> withoutRinging(
      RecordingSipListener listener, String... expected) {
    return listener.events().contains("ringing")
        ? java.util.stream.Stream.concat(
                java.util.stream.Stream.of("ringing"), java.util.Arrays.stream(expected))
            .toList()
        : java.util.List.of(expected);
  }
}
