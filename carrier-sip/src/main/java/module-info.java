/**
 * Outdial's SIP carrier: the {@code sip} telephony provider, real calls through a SIP trunk. SIP
 * signalling on NIST JAIN-SIP ({@code io.outdial.carrier.sip}), the provider that joins it to the
 * media module's RTP and audio analysis ({@code io.outdial.carrier.sip.provider}), and the adapters
 * that keep the stack's own log quiet and redacted ({@code io.outdial.carrier.sip.stacklog}).
 *
 * <p>The dialer knows this provider only through its SPI: the factory is registered here with
 * {@code provides ... with} (and, for the class path of the server, {@code META-INF/services}), and
 * the module exports nothing.
 */
module io.outdial.carrier.sip {
  requires io.outdial.dialer;
  requires io.outdial.media;
  // NIST JAIN-SIP (automatic module); no other Outdial module may use it
  requires jain.sip.ri;

  // the SIP stack instantiates its loggers by reflection from their class names
  opens io.outdial.carrier.sip.stacklog to
      jain.sip.ri;

  provides io.outdial.dialer.spi.TelephonyProviderFactory with
      io.outdial.carrier.sip.provider.SipCarrierFactory;
}
