package io.outdial.carrier.sip.provider;

import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.ProviderContext;
import io.outdial.dialer.spi.TelephonyProviders;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * SIP carriers for the baresip tests: a trunk on 127.0.0.1, short timeouts, RTP ports of a range.
 */
final class LocalCarriers {
  private LocalCarriers() {}

  /**
   * A carrier made through the provider factory, as the server makes it, whose trunk is {@code
   * trunkPort} on loopback, with RTP ports {@code rtpFirst} to {@code rtpFirst + 999} (a range of
   * its own per test class), and {@code extra} settings over these.
   */
  static SipCarrier create(
      int trunkPort, int rtpFirst, ScheduledExecutorService executor, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("trunk-host", "127.0.0.1");
    settings.put("trunk-port", String.valueOf(trunkPort));
    settings.put("bind-host", "127.0.0.1");
    settings.put("bind-port", "0");
    settings.put("ring-timeout", "5s");
    settings.put("failure-timeout", "2s");
    settings.put("rtp-port-min", String.valueOf(rtpFirst));
    settings.put("rtp-port-max", String.valueOf(rtpFirst + 999));
    settings.putAll(extra);
    var context =
        new ProviderContext(
            Clock.systemUTC(),
            EventScheduler.of(executor),
            settings,
            Thread.ofPlatform().daemon().factory(),
            Optional.of(executor));
    return (SipCarrier) TelephonyProviders.create("sip", context);
  }
}
