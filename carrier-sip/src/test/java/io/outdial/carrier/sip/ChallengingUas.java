package io.outdial.carrier.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A trunk that authenticates (baresip cannot challenge): it answers an INVITE without credentials
 * with 401 (or 407), checks the digest response of the next INVITE against the password with its
 * own MD5 arithmetic, answers 200 with SDP when it matches and challenges again when it does not.
 */
final class ChallengingUas extends TestUas {
  static final String REALM = "trunk.example";

  private final String username;
  private final String password;
  private final boolean proxy;
  private final boolean qop;
  private final List<String> verdicts = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private int nonces;
  private int staleAnswers;

  /**
   * @param proxy challenge with 407 / Proxy-Authenticate instead of 401 / WWW-Authenticate
   * @param qop offer {@code qop="auth"} (else the RFC 2069 form without qop)
   */
  ChallengingUas(String username, String password, boolean proxy, boolean qop) throws Exception {
    this.username = username;
    this.password = password;
    this.proxy = proxy;
    this.qop = qop;
  }

  /**
   * Answers the first {@code times} correct credentials with a new challenge that says the nonce
   * went stale ({@code stale=true}), as a trunk does whose nonces expire.
   */
  synchronized ChallengingUas staleNonce(int times) {
    staleAnswers = times;
    return this;
  }

  /** For each INVITE: "challenged", "stale", "accepted" or "rejected: <why>". */
  synchronized List<String> verdicts() {
    return List.copyOf(verdicts);
  }

  /** The credentials headers received, verbatim. */
  synchronized List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  protected void onInvite(Request request) throws Exception {
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
      synchronized (this) {
        if (problem == null && staleAnswers > 0) {
          staleAnswers--;
          problem = "stale";
        }
      }
      verdict =
          problem == null ? "accepted" : problem.equals("stale") ? "stale" : "rejected: " + problem;
    }
    synchronized (this) {
      verdicts.add(verdict);
    }
    if (verdict.equals("accepted")) {
      provider.sendResponse(response(request, Response.OK));
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
            + (qop ? ", qop=\"auth\"" : "")
            + (verdict.equals("stale") ? ", stale=true" : "");
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
    synchronized (this) {
      if (!("nonce-" + nonces).equals(h.getNonce())) {
        return "not the latest nonce: " + h.getNonce();
      }
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
}
