/**
 * The telephony service-provider interface: a {@link io.outdial.dialer.spi.TelephonyProvider}
 * places a call and reports what happens to it as asynchronous events on a {@link
 * io.outdial.dialer.spi.CallListener}; the dialer answers through the returned {@link
 * io.outdial.dialer.spi.CallHandle}. It is shaped for a real carrier (SIP and RTP audio), not only
 * the simulator: every step can fail, events can arrive late or in odd orders, and nothing here
 * blocks, so a call in flight holds no thread. Providers are found by name through {@link
 * java.util.ServiceLoader} and {@link io.outdial.dialer.spi.TelephonyProviders}.
 */
package io.outdial.dialer.spi;
