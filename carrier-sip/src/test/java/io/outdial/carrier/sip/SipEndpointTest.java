package io.outdial.carrier.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.dialer.spi.EventScheduler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint's own checks, without a peer. */
class SipEndpointTest {
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private SipEndpoint endpoint;

  @AfterEach
  void stop() {
    Closing.inBackground(endpoint);
    executor.shutdownNow();
  }

  private SipEndpoint start(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("trunk-host", "127.0.0.1");
    settings.put("trunk-port", "5999");
    settings.put("bind-host", "127.0.0.1");
    settings.put("bind-port", "0");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    endpoint = SipEndpoint.start(SipSettings.parse(settings), EventScheduler.of(executor));
    return endpoint;
  }

  @Test
  void bindPortZeroListensOnAFreePort() {
    assertThat(start().localPort()).isPositive();
  }

  @Test
  void aWildcardBindUsesTheAddressThatRoutesToTheTrunk() {
    assertThat(start("bind-host", "0.0.0.0").publicHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void aConfiguredPublicHostIsUsed() {
    assertThat(start("public-host", "203.0.113.7").publicHost()).isEqualTo("203.0.113.7");
  }

  @Test
  void numbersAndCallerIdsMustBeSipUserParts() {
    start();
    var listener = new RecordingSipListener();
    SdpOffer offer = SdpOffer.onPort(40_000);

    assertThatThrownBy(() -> endpoint.call("15550100", "555 0123", offer, listener))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number");
    assertThatThrownBy(() -> endpoint.call("15550100", "5550123@evil", offer, listener))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number");
    assertThatThrownBy(() -> endpoint.call("a b", "15550123", offer, listener))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("callerId");
    assertThat(endpoint.activeCalls()).isZero();
  }

  @Test
  void aClosedEndpointPlacesNoCall() {
    start().close();

    assertThatThrownBy(
            () ->
                endpoint.call(
                    "15550100", "15550123", SdpOffer.onPort(40_000), new RecordingSipListener()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the SIP endpoint is closed");
  }

  @Test
  void aBusyPortIsReportedWithTheAddress() throws Exception {
    int port;
    try (var taken = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      port = taken.getLocalPort();
      assertThatThrownBy(() -> start("bind-port", String.valueOf(port)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port + "/udp");
    }
  }
}
