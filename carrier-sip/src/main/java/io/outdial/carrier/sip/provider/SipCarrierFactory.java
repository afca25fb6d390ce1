package io.outdial.carrier.sip.provider;

import io.outdial.dialer.spi.ProviderContext;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.dialer.spi.TelephonyProviderFactory;
import java.util.Set;

/**
 * Registers the SIP trunk carrier with {@link java.util.ServiceLoader} under the name {@code sip}.
 * Its settings are read from {@code outdial.telephony.sip.<key>}; {@link #settingKeys()} lists
 * them: the trunk ({@code trunk-host}, ...), RTP media ({@code rtp-port-min}, {@code rtp-port-max},
 * {@code jitter-ms}), speech ({@code tts-url}, {@code stt-url}, ...) and answering-machine
 * detection ({@code amd}, {@code amd-total-ms}, ...).
 */
public final class SipCarrierFactory implements TelephonyProviderFactory {
  @Override
  public String name() {
    return SipCarrier.NAME;
  }

  @Override
  public Set<String> settingKeys() {
    return CarrierSettings.KEYS;
  }

  /**
   * Starts the SIP stack and the media engine.
   *
   * @throws IllegalArgumentException when a setting is malformed, naming its full key
   * @throws IllegalStateException when the SIP port or the RTP setup cannot be had
   */
  @Override
  public TelephonyProvider create(ProviderContext context) {
    return SipCarrier.start(CarrierSettings.parse(context.settings()), context);
  }
}
