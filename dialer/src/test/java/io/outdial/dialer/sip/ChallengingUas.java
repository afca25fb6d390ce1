package io.outdial.dialer.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.outdial.dialer.sip.stacklog.QuietServerLogger;
import io.outdial.dialer.sip.stacklog.SystemStackLogger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A minimal trunk for digest tests (baresip cannot challenge): a stateless UAS on its own JAIN-SIP
 * stack that answers an INVITE without credentials with 401 (or 407), checks the digest response of
 * the next INVITE against the password with its own MD5 arithmetic, answers 200 with SDP when it
 * matches and challenges again when it does not. BYE gets 200.
 */
final class ChallengingUas implements SipListener, AutoCloseable {
  static final String REALM = "trunk.example";

  private final String username;
  private final String password;
  private final boolean proxy;
  private final boolean qop;
  private final SipStackImpl stack;
  private final ListeningPoint listeningPoint;
  private final SipProvider provider;
  private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
  private final MessageFactoryImpl messages = new MessageFactoryImpl();
  private final AddressFactoryImpl addresses = new AddressFactoryImpl();

  private final List<String> verdicts = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  final CountDownLatch byeReceived = new CountDownLatch(1);
  private int nonces;

  /**
   * @param proxy challenge with 407 / Proxy-Authenticate instead of 401 / WWW-Authenticate
   * @param qop offer {@code qop="auth"} (else the RFC 2069 form without qop)
   */
  ChallengingUas(String username, String password, boolean proxy, boolean qop) throws Exception {
    this.username = username;
    this.password = password;
    this.proxy = proxy;
    this.qop = qop;
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "challenging-uas-" + System.nanoTime());
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", SystemStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietServerLogger.class.getName());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    stack = new SipStackImpl(p);
    listeningPoint =
        stack.createListeningPoint("127.0.0.1", BaresipPeer.freeUdpPort(), ListeningPoint.UDP);
    provider = stack.createSipProvider(listeningPoint);
    provider.addSipListener(this);
    stack.start();
  }

  int port() {
    return listeningPoint.getPort();
  }

  /** For each INVITE: "challenged", "accepted" or "rejected: <why>". */
  synchronized List<String> verdicts() {
    return List.copyOf(verdicts);
  }

  /** The credentials headers received, verbatim. */
  synchronized List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    try {
      switch (request.getMethod()) {
        case Request.INVITE -> onInvite(request);
        case Request.BYE -> {
          provider.sendResponse(messages.createResponse(Response.OK, request));
          byeReceived.countDown();
        }
        default -> {
          // ACK and the rest need no answer here
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void onInvite(Request request) throws Exception {
    var credentials =
        (AuthorizationHeader)
            request.getHeader(proxy ? "Proxy-Authorization" : AuthorizationHeader.NAME);
    String verdict;
    if (credentials == null) {
      verdict = "challenged";
    } else {
      synchronized (this) {
        authorizations.add(credentials.toString().strip());
      }
      String problem = check(credentials, request);
      verdict = problem == null ? "accepted" : "rejected: " + problem;
    }
    synchronized (this) {
      verdicts.add(verdict);
    }
    if (verdict.equals("accepted")) {
      Response ok = messages.createResponse(Response.OK, request);
      ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("uas");
      SipURI contact = addresses.createSipURI("uas", "127.0.0.1");
      contact.setPort(port());
      ok.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
      String sdp =
          "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
              + "m=audio 41000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
      ok.setContent(
          sdp.getBytes(StandardCharsets.US_ASCII),
          headers.createContentTypeHeader("application", "sdp"));
      provider.sendResponse(ok);
      return;
    }
    Response challenge =
        messages.createResponse(
            proxy ? Response.PROXY_AUTHENTICATION_REQUIRED : Response.UNAUTHORIZED, request);
    ((ToHeader) challenge.getHeader(ToHeader.NAME)).setTag("uas-challenge");
    String nonce;
    synchronized (this) {
      nonce = "nonce-" + (++nonces);
    }
    String value =
        "Digest realm=\""
            + REALM
            + "\", nonce=\""
            + nonce
            + "\", opaque=\"opaque-1\", algorithm=MD5"
            + (qop ? ", qop=\"auth\"" : "");
    challenge.addHeader(
        headers.createHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate", value));
    provider.sendResponse(challenge);
  }

  /** Null when the digest is right, else what is wrong. */
  private String check(AuthorizationHeader h, Request request) {
    if (!username.equals(h.getUsername())) {
      return "username " + h.getUsername();
    }
    if (!REALM.equals(h.getRealm())) {
      return "realm " + h.getRealm();
    }
    if (!request.getRequestURI().toString().equals(h.getURI().toString())) {
      return "uri " + h.getURI();
    }
    if (!"opaque-1".equals(h.getOpaque())) {
      return "opaque " + h.getOpaque();
    }
    String ha1 = md5(username + ":" + REALM + ":" + password);
    String ha2 = md5("INVITE:" + h.getURI());
    String expected;
    if (qop) {
      String nc = h.getParameter("nc");
      if (!"auth".equals(h.getQop()) || nc == null || h.getCNonce() == null) {
        return "qop/nc/cnonce missing";
      }
      expected = md5(ha1 + ":" + h.getNonce() + ":" + nc + ":" + h.getCNonce() + ":auth:" + ha2);
    } else {
      expected = md5(ha1 + ":" + h.getNonce() + ":" + ha2);
    }
    return expected.equals(h.getResponse()) ? null : "wrong response";
  }

  private static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void processResponse(ResponseEvent event) {}

  @Override
  public void processTimeout(TimeoutEvent event) {}

  @Override
  public void processIOException(IOExceptionEvent event) {}

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  @Override
  public void close() throws Exception {
    provider.removeSipListener(this);
    stack.deleteSipProvider(provider);
    stack.deleteListeningPoint(listeningPoint);
    stack.stop();
  }
}
