package io.outdial.dialer.sip;

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
  void otherAlgorithmsAndAuthIntOnlyAreRefused() {
    var sha =
        new Digest.Challenge("r", "n", Optional.empty(), Optional.of("SHA-256"), Optional.empty());
    var authInt =
        new Digest.Challenge("r", "n", Optional.empty(), Optional.empty(), Optional.of("auth-int"));

    assertThatThrownBy(() -> Digest.authorization(sha, "u", "p", "INVITE", "sip:x", "c", 1))
        .isInstanceOf(Digest.UnsupportedChallengeException.class)
        .hasMessage("unsupported digest algorithm SHA-256");
    assertThatThrownBy(() -> Digest.authorization(authInt, "u", "p", "INVITE", "sip:x", "c", 1))
        .isInstanceOf(Digest.UnsupportedChallengeException.class)
        .hasMessageContaining("auth-int");
  }

  @Test
  void clientNoncesDiffer() {
    assertThat(Digest.newClientNonce()).hasSize(32).isNotEqualTo(Digest.newClientNonce());
  }
}
