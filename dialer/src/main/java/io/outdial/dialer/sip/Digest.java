package io.outdial.dialer.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP digest authentication for SIP (RFC 2617 as used by RFC 3261 §22): MD5 with {@code qop=auth}
 * (client nonce and nonce count) or without qop. Trunks challenge INVITEs with 401 or 407; the
 * answer goes into Authorization or Proxy-Authorization on the re-sent INVITE.
 */
final class Digest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private Digest() {}

  /**
   * The parts of a WWW-Authenticate or Proxy-Authenticate challenge we use.
   *
   * @param realm the protection realm
   * @param nonce the server's nonce
   * @param opaque echoed back unchanged when present
   * @param algorithm the algorithm named by the challenge (MD5 when absent)
   * @param qopOptions the challenge's qop list (e.g. {@code auth,auth-int}); empty for RFC 2069
   */
  record Challenge(
      String realm,
      String nonce,
      Optional<String> opaque,
      Optional<String> algorithm,
      Optional<String> qopOptions) {

    /** True when the challenge offers {@code qop=auth} (possibly among others). */
    boolean offersQopAuth() {
      return qopOptions.stream()
          .flatMap(q -> java.util.Arrays.stream(q.split(",")))
          .anyMatch(q -> q.strip().equalsIgnoreCase("auth"));
    }
  }

  /**
   * Thrown when a challenge asks for something we do not implement (another algorithm, auth-int).
   */
  static final class UnsupportedChallengeException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedChallengeException(String message) {
      super(message);
    }
  }

  /** A fresh client nonce: 16 random bytes as hex. */
  static String newClientNonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HEX.formatHex(bytes);
  }

  /**
   * The Authorization (or Proxy-Authorization) header value answering {@code challenge} for one
   * request; {@code nonceCount} is 1 for the first use of this nonce.
   *
   * @throws UnsupportedChallengeException when the challenge wants an algorithm other than MD5 or
   *     only {@code qop=auth-int}
   */
  static String authorization(
      Challenge challenge,
      String username,
      String password,
      String method,
      String uri,
      String clientNonce,
      int nonceCount)
      throws UnsupportedChallengeException {
    String algorithm = challenge.algorithm().orElse("MD5");
    if (!algorithm.equalsIgnoreCase("MD5")) {
      throw new UnsupportedChallengeException("unsupported digest algorithm " + algorithm);
    }
    boolean qop = challenge.offersQopAuth();
    if (!qop && challenge.qopOptions().isPresent()) {
      throw new UnsupportedChallengeException(
          "unsupported digest qop " + challenge.qopOptions().get());
    }
    String nc = String.format(Locale.ROOT, "%08x", nonceCount);
    String response =
        response(
            username,
            challenge.realm(),
            password,
            method,
            uri,
            challenge.nonce(),
            qop ? nc : null,
            qop ? clientNonce : null);
    StringBuilder value =
        new StringBuilder("Digest username=\"")
            .append(quote(username))
            .append("\",realm=\"")
            .append(quote(challenge.realm()))
            .append("\",nonce=\"")
            .append(quote(challenge.nonce()))
            .append("\",uri=\"")
            .append(quote(uri))
            .append("\",response=\"")
            .append(response)
            .append("\",algorithm=MD5");
    if (qop) {
      value.append(",qop=auth,nc=").append(nc).append(",cnonce=\"").append(clientNonce).append('"');
    }
    challenge.opaque().ifPresent(o -> value.append(",opaque=\"").append(quote(o)).append('"'));
    return value.toString();
  }

  /**
   * The digest {@code response}: {@code MD5(HA1:nonce:nc:cnonce:auth:HA2)} with qop, {@code
   * MD5(HA1:nonce:HA2)} without (both {@code nonceCount} and {@code clientNonce} null), where HA1 =
   * MD5(username:realm:password) and HA2 = MD5(method:uri).
   */
  static String response(
      String username,
      String realm,
      String password,
      String method,
      String uri,
      String nonce,
      String nonceCount,
      String clientNonce) {
    String ha1 = md5(username + ":" + realm + ":" + password);
    String ha2 = md5(method + ":" + uri);
    if (nonceCount == null) {
      return md5(ha1 + ":" + nonce + ":" + ha2);
    }
    return md5(ha1 + ":" + nonce + ":" + nonceCount + ":" + clientNonce + ":auth:" + ha2);
  }

  private static String md5(String text) {
    try {
      return HEX.formatHex(
          MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
