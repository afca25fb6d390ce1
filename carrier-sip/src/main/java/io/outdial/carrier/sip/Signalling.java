package io.outdial.carrier.sip;

import java.text.ParseException;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds and sends the SIP messages of outbound legs on one JAIN-SIP provider: the INVITE with our
 * identity headers, its re-sent form after a digest challenge, ACK, CANCEL, BYE and responses to
 * the callee's requests. Holds no call state; {@link SipCall} decides what to send.
 */
final class Signalling {
  private static final List<String> ALLOW =
      List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO", "UPDATE", "NOTIFY");

  private final SipSettings settings;
  private final SipProvider provider;
  private final AddressFactory addresses;
  private final HeaderFactory headers;
  private final MessageFactory messages;
  private final String publicHost;
  private final int localPort;

  Signalling(
      SipSettings settings,
      SipProvider provider,
      AddressFactory addresses,
      HeaderFactory headers,
      MessageFactory messages,
      String publicHost,
      int localPort) {
    this.settings = settings;
    this.provider = provider;
    this.addresses = addresses;
    this.headers = headers;
    this.messages = messages;
    this.publicHost = publicHost;
    this.localPort = localPort;
  }

  SipSettings settings() {
    return settings;
  }

  String publicHost() {
    return publicHost;
  }

  /**
   * The INVITE: Request-URI {@code sip:<number>@<trunk-host>:<port>}, From {@code
   * sip:<caller>@<from-domain>} with {@code fromTag}, To the number at the trunk, Contact and Via
   * at our public address, P-Asserted-Identity when configured, and the SDP offer.
   */
  Request invite(String callId, String fromTag, String callerId, String number, String sdp)
      throws ParseException, InvalidArgumentException {
    return invite(
        callId,
        fromTag,
        callerId,
        trunkUri(number),
        addresses.createAddress(addresses.createSipURI(number, settings.trunkHost())),
        sdp);
  }

  /**
   * The INVITE to a SIP URI of its own (a human's address, reached directly rather than through the
   * trunk): Request-URI and To are {@code target}; the rest as for a number.
   */
  Request invite(String callId, String fromTag, String callerId, SipURI target, String sdp)
      throws ParseException, InvalidArgumentException {
    SipURI to = (SipURI) target.clone();
    // To carries the address, not the transport or other URI parameters
    List<String> names = new java.util.ArrayList<>();
    to.getParameterNames().forEachRemaining(n -> names.add((String) n));
    names.forEach(to::removeParameter);
    return invite(callId, fromTag, callerId, target, addresses.createAddress(to), sdp);
  }

  /** {@code sip:<number>@<trunk-host>:<trunk-port>} with the trunk's transport. */
  SipURI trunkUri(String number) throws ParseException {
    SipURI uri = addresses.createSipURI(number, settings.trunkHost());
    uri.setPort(settings.trunkPort());
    if (settings.transport() != SipSettings.Transport.UDP) {
      uri.setTransportParam(settings.transport().wireName());
    }
    return uri;
  }

  /** Parses a {@code sip:} URI; anything else (a {@code sips:} or {@code tel:} URI) is refused. */
  SipURI sipUri(String uri) throws ParseException {
    javax.sip.address.URI parsed = addresses.createURI(uri);
    if (!(parsed instanceof SipURI sip) || sip.isSecure()) {
      throw new ParseException("not a sip: URI (sips: needs TLS, which is not supported)", 0);
    }
    return sip;
  }

  private Request invite(
      String callId,
      String fromTag,
      String callerId,
      SipURI requestUri,
      Address toAddress,
      String sdp)
      throws ParseException, InvalidArgumentException {
    Address fromAddress =
        addresses.createAddress(addresses.createSipURI(callerId, settings.fromDomain()));
    FromHeader from = headers.createFromHeader(fromAddress, fromTag);
    ToHeader to = headers.createToHeader(toAddress, null);
    CallIdHeader callIdHeader = headers.createCallIdHeader(callId);
    CSeqHeader cseq = headers.createCSeqHeader(1L, Request.INVITE);
    MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(70);
    ContentTypeHeader contentType = headers.createContentTypeHeader("application", "sdp");
    Request invite =
        messages.createRequest(
            requestUri,
            Request.INVITE,
            callIdHeader,
            cseq,
            from,
            to,
            List.of(via()),
            maxForwards,
            contentType,
            sdp.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    SipURI contactUri = addresses.createSipURI(callerId, publicHost);
    contactUri.setPort(localPort);
    if (settings.transport() != SipSettings.Transport.UDP) {
      contactUri.setTransportParam(settings.transport().wireName());
    }
    ContactHeader contact = headers.createContactHeader(addresses.createAddress(contactUri));
    invite.addHeader(contact);
    for (String method : ALLOW) {
      invite.addHeader(headers.createAllowHeader(method));
    }
    invite.addHeader(headers.createUserAgentHeader(List.of("Outdial")));
    if (settings.pAssertedIdentity()) {
      invite.addHeader(
          headers.createHeader(
              "P-Asserted-Identity", "<sip:" + callerId + "@" + settings.fromDomain() + ">"));
    }
    return invite;
  }

  /**
   * The INVITE re-sent after a 401 or 407: same Call-ID and From tag, next CSeq, a new Via branch,
   * and {@code headerName} (Authorization or Proxy-Authorization) set to {@code value}.
   */
  Request withCredentials(Request previous, String headerName, String value)
      throws ParseException, InvalidArgumentException {
    Request next = (Request) previous.clone();
    next.removeHeader(ViaHeader.NAME);
    next.addHeader(via());
    CSeqHeader cseq = (CSeqHeader) next.getHeader(CSeqHeader.NAME);
    cseq.setSeqNumber(cseq.getSeqNumber() + 1);
    next.removeHeader("Authorization");
    next.removeHeader("Proxy-Authorization");
    next.addHeader(headers.createHeader(headerName, value));
    return next;
  }

  /** Sends a request outside a dialog in a new client transaction, which it returns. */
  ClientTransaction send(Request request) throws SipException {
    ClientTransaction tx = provider.getNewClientTransaction(request);
    tx.sendRequest();
    return tx;
  }

  /** Acknowledges a 2xx to the INVITE with CSeq {@code cseq}. */
  void ack(Dialog dialog, long cseq) throws SipException, InvalidArgumentException {
    dialog.sendAck(dialog.createAck(cseq));
  }

  /** Cancels a pending INVITE (only after a provisional response, RFC 3261 §9.1). */
  void cancel(ClientTransaction invite) throws SipException {
    provider.getNewClientTransaction(invite.createCancel()).sendRequest();
  }

  /**
   * Sends REFER in an established dialog (RFC 3515) with {@code Refer-To} {@code target}; returns
   * its client transaction, whose answer says whether the far end took the referral.
   */
  ClientTransaction refer(Dialog dialog, SipURI target) throws SipException, ParseException {
    Request refer = dialog.createRequest(Request.REFER);
    refer.addHeader(headers.createReferToHeader(addresses.createAddress(target)));
    ClientTransaction tx = provider.getNewClientTransaction(refer);
    dialog.sendRequest(tx);
    return tx;
  }

  /** Sends BYE in an established dialog. */
  void bye(Dialog dialog) throws SipException {
    ClientTransaction tx = provider.getNewClientTransaction(dialog.createRequest(Request.BYE));
    dialog.sendRequest(tx);
  }

  /** Answers a request from the far end, in its server transaction when the stack made one. */
  void respond(RequestEvent event, int status, String sdp)
      throws SipException, ParseException, InvalidArgumentException {
    Request request = event.getRequest();
    Response response = messages.createResponse(status, request);
    if (sdp != null) {
      response.setContent(
          sdp.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          headers.createContentTypeHeader("application", "sdp"));
      SipURI contactUri = addresses.createSipURI(null, publicHost);
      contactUri.setPort(localPort);
      response.addHeader(headers.createContactHeader(addresses.createAddress(contactUri)));
    }
    ServerTransaction tx = event.getServerTransaction();
    if (tx == null) {
      try {
        tx = provider.getNewServerTransaction(request);
      } catch (TransactionAlreadyExistsException e) {
        provider.sendResponse(response); // a retransmission: answer statelessly
        return;
      }
    }
    tx.sendResponse(response);
  }

  /** Answers a request statelessly (requests that belong to no leg of ours). */
  void respondStateless(Request request, int status)
      throws SipException, ParseException, InvalidArgumentException {
    provider.sendResponse(messages.createResponse(status, request));
  }

  private ViaHeader via() throws ParseException, InvalidArgumentException {
    ViaHeader via =
        headers.createViaHeader(publicHost, localPort, settings.transport().wireName(), null);
    via.setRPort();
    return via;
  }
}
