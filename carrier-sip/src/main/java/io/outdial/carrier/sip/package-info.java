/**
 * SIP signalling towards a trunk, on the NIST JAIN-SIP stack: {@link
 * io.outdial.carrier.sip.SipSettings} (from {@code outdial.telephony.sip.*}), {@link
 * io.outdial.carrier.sip.SipEndpoint} (one stack for the application's life) and {@link
 * io.outdial.carrier.sip.SipCall} (one outbound leg: INVITE with an SDP offer for G.711 and RFC
 * 4733 DTMF, digest authentication, CANCEL and BYE, ring and failure timeouts). Media (RTP) is not
 * here: the caller opens its RTP socket first and passes the port in an {@link
 * io.outdial.carrier.sip.SdpOffer}; the callee's choice comes back as an {@link
 * io.outdial.carrier.sip.SdpAnswer}.
 */
package io.outdial.carrier.sip;
