package io.outdial.carrier.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP digest authentication for SIP (RFC 2617 as used by RFC 3261 §22, with the SHA-2 algorithms
 * of RFC 8760): MD5, SHA-256 or SHA-512-256, with {@code qop=auth} (client nonce and nonce count)
 * or without qop. Trunks challenge INVITEs with 401 or 407; the answer goes into Authorization or
 * Proxy-Authorization on the re-sent INVITE.
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

  /** The digest algorithms we answer: the name in the challenge, the JDK's name of its hash. */
  enum Algorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256"),
    SHA_512_256("SHA-512-256", "SHA-512/256");

    private final String wireName;
    private final String jdkName;

    Algorithm(String wireName, String jdkName) {
      this.wireName = wireName;
      this.jdkName = jdkName;
    }

    /** The algorithm a challenge names (case-insensitive); empty for the {@code -sess} forms. */
    static Optional<Algorithm> named(String name) {
      for (Algorithm a : values()) {
        if (a.wireName.equalsIgnoreCase(name)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }

    String wireName() {
      return wireName;
    }

    String hash(String text) {
      try {
        return HEX.formatHex(
            MessageDigest.getInstance(jdkName).digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no " + jdkName, e);
      }
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
   * @throws UnsupportedChallengeException when the challenge wants an algorithm of none of {@link
   *     Algorithm} (the {@code -sess} forms) or only {@code qop=auth-int}
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
    String named = challenge.algorithm().orElse("MD5");
    Algorithm algorithm =
        Algorithm.named(named)
            .orElseThrow(
                () -> new UnsupportedChallengeException("unsupported digest algorithm " + named));
    boolean qop = challenge.offersQopAuth();
    if (!qop && challenge.qopOptions().isPresent()) {
      throw new UnsupportedChallengeException(
          "unsupported digest qop " + challenge.qopOptions().get());
    }
    String nc = String.format(Locale.ROOT, "%08x", nonceCount);
    String response =
        response(
            algorithm,
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
            .append("\",algorithm=")
            .append(algorithm.wireName());
    if (qop) {
      value.append(",qop=auth,nc=").append(nc).append(",cnonce=\"").append(clientNonce).append('"');
    }
    challenge.opaque().ifPresent(o -> value.append(",opaque=\"").append(quote(o)).append('"'));
    return value.toString();
  }

  /**
   * The digest {@code response}: {@code H(HA1:nonce:nc:cnonce:auth:HA2)} with qop, {@code
   * H(HA1:nonce:HA2)} without (both {@code nonceCount} and {@code clientNonce} null), where HA1 =
   * H(username:realm:password), HA2 = H(method:uri) and H is the algorithm's hash as hex.
   */
  static String response(
      Algorithm algorithm,
      String username,
      String realm,
      String password,
      String method,
      String uri,
      String nonce,
      String nonceCount,
      String clientNonce) {
    String ha1 = algorithm.hash(username + ":" + realm + ":" + password);
    String ha2 = algorithm.hash(method + ":" + uri);
    if (nonceCount == null) {
      return algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
    }
    return algorithm.hash(
        ha1 + ":" + nonce + ":" + nonceCount + ":" + clientNonce + ":auth:" + ha2);
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
