package io.outdial.carrier.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outdial.carrier.sip.SipCallEnd.Reason;
import io.outdial.dialer.spi.EventScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A 200 OK that crosses our CANCEL is acknowledged and hung up with BYE. */
class SipCancelRaceTest {
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private AnswerAfterCancelUas uas;
  private SipEndpoint endpoint;

  @AfterEach
  void stop() throws Exception {
    Closing.inBackground(endpoint);
    Closing.inBackground(uas);
    executor.shutdownNow();
  }

  @Test
  void anAnswerAfterOurCancelIsAcknowledgedThenHungUp() throws Exception {
    uas = new AnswerAfterCancelUas();
    endpoint =
        SipEndpoint.start(
            SipSettings.parse(
                Map.of(
                    "trunk-host", "127.0.0.1",
                    "trunk-port", String.valueOf(uas.port()),
                    "bind-host", "127.0.0.1",
                    "bind-port", "0")),
            EventScheduler.of(executor));
    var listener = new RecordingSipListener();

    SipCall call = endpoint.call("15550100", "15550123", SdpOffer.onPort(40_000), listener);
    assertThat(listener.ringing.await(10, TimeUnit.SECONDS)).isTrue();
    call.hangUp();
    SipCallEnd end = listener.awaitEnd();

    assertThat(end.reason()).isEqualTo(Reason.LOCAL_HANGUP);
    assertThat(uas.byeReceived.await(5, TimeUnit.SECONDS)).as("BYE after the late 200").isTrue();
    // ACK goes out before BYE, but the UAS's stack may hand them over on two threads: the ACK
    // can reach the test's list just after the BYE
    await("ACK at the UAS")
        .atMost(Duration.ofSeconds(5))
        .until(() -> uas.received().contains("ACK"));
    assertThat(uas.received())
        .startsWith("INVITE", "CANCEL")
        .containsExactlyInAnyOrder("INVITE", "CANCEL", "ACK", "BYE");
    assertThat(listener.events()).containsExactly("ringing", "ended");
    assertThat(endpoint.activeCalls()).isZero();
  }
}
