package io.outdial.carrier.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestTest {
  @Test
  void theQopAuthResponseMatchesRfc2617sExample() {
    // RFC 2617 section 3.5 (method GET, which only changes HA2)
    String response =
        Digest.response(
            Digest.Algorithm.MD5,
            "Mufasa",
            "testrealm@host.com",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            "00000001",
            "0a4f113b");

    assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void theAuthorizationValueCarriesEverythingTheServerNeeds() throws Exception {
    var challenge =
        new Digest.Challenge(
            "testrealm@host.com",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            Optional.of("5ccc069c403ebaf9f0171e9517f40e41"),
            Optional.empty(),
            Optional.of("auth,auth-int"));

    String value =
        Digest.authorization(
            challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b", 1);

    assertThat(value)
        .startsWith("Digest username=\"Mufasa\"")
        .contains(
            "realm=\"testrealm@host.com\"",
            "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"",
            "uri=\"/dir/index.html\"",
            "response=\"6629fae49393a05397450978507c4ef1\"",
            "qop=auth",
            "nc=00000001",
            "cnonce=\"0a4f113b\"",
            "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
        .doesNotContain("Circle Of Life");
  }

  @Test
  void withoutQopTheResponseIsTheRfc2069Form() throws Exception {
    var challenge =
        new Digest.Challenge("r", "n", Optional.empty(), Optional.of("MD5"), Optional.empty());

    String value = Digest.authorization(challenge, "u", "p", "INVITE", "sip:1@h", "ignored", 1);

    String expected = md5(md5("u:r:p") + ":n:" + md5("INVITE:sip:1@h"));
    assertThat(value)
        .contains("response=\"" + expected + "\"")
        .doesNotContain("qop", "cnonce", "nc=");
  }

  private static String md5(String s) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("MD5")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void theSha256ResponseMatchesRfc7616sExample() throws Exception {
    // RFC 7616 section 3.9.1: the same digest with SHA-256 (RFC 8760 brings it to SIP)
    var challenge =
        new Digest.Challenge(
            "http-auth@example.org",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            Optional.of("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"),
            Optional.of("SHA-256"),
            Optional.of("auth"));

    String value =
        Digest.authorization(
            challenge,
            "Mufasa",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            1);

    assertThat(value)
        .contains(
            "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"",
            "algorithm=SHA-256",
            "qop=auth");
  }

  @Test
  void sha512256IsAnsweredWithItsOwnHash() throws Exception {
    var challenge =
        new Digest.Challenge(
            "r", "n", Optional.empty(), Optional.of("sha-512-256"), Optional.empty());

    String value = Digest.authorization(challenge, "u", "p", "INVITE", "sip:1@h", "ignored", 1);

    String expected = sha512256(sha512256("u:r:p") + ":n:" + sha512256("INVITE:sip:1@h"));
    assertThat(expected).hasSize(64);
    assertThat(value).contains("response=\"" + expected + "\"", "algorithm=SHA-512-256");
  }

  private static String sha512256(String s) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-512/256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void otherAlgorithmsAndAuthIntOnlyAreRefused() {
    var sha =
        new Digest.Challenge(
            "r", "n", Optional.empty(), Optional.of("SHA-256-sess"), Optional.empty());
    var authInt =
        new Digest.Challenge("r", "n", Optional.empty(), Optional.empty(), Optional.of("auth-int"));

    assertThatThrownBy(() -> Digest.authorization(sha, "u", "p", "INVITE", "sip:x", "c", 1))
        .isInstanceOf(Digest.UnsupportedChallengeException.class)
        .hasMessage("unsupported digest algorithm SHA-256-sess");
    assertThatThrownBy(() -> Digest.authorization(authInt, "u", "p", "INVITE", "sip:x", "c", 1))
        .isInstanceOf(Digest.UnsupportedChallengeException.class)
        .hasMessageContaining("auth-int");
  }

  @Test
  void clientNoncesDiffer() {
    assertThat(Digest.newClientNonce()).hasSize(32).isNotEqualTo(Digest.newClientNonce());
  }
}
