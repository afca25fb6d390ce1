/**
 * Outdial's SMPP messaging: the {@code smpp} messaging provider, text messages handed to an SMSC
 * over SMPP 3.4 as an ESME bound as transmitter, on jSMPP.
 *
 * <p>The dialer knows this provider only through its messaging SPI: the factory is registered here
 * with {@code provides ... with} (and, for the class path of the server, {@code
 * META-INF/services}), and the module exports nothing.
 */
module io.outdial.messaging.smpp {
  requires io.outdial.dialer;
  // jSMPP (automatic module); no other Outdial module may use it
  requires jsmpp;

  provides io.outdial.dialer.messaging.MessagingProviderFactory with
      io.outdial.messaging.smpp.SmppMessagingFactory;
}
