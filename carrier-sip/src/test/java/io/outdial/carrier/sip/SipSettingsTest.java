package io.outdial.carrier.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.carrier.sip.SipSettings.Transport;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipSettingsTest {
  private static Map<String, String> with(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("trunk-host", "sip.trunk.example");
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void onlyTheTrunkHostIsRequiredAndEverythingElseHasItsDefault() {
    SipSettings s = SipSettings.parse(with());

    assertThat(s.trunkHost()).isEqualTo("sip.trunk.example");
    assertThat(s.trunkPort()).isEqualTo(5060);
    assertThat(s.transport()).isEqualTo(Transport.UDP);
    assertThat(s.bindHost()).isEqualTo("0.0.0.0");
    assertThat(s.bindPort()).isEqualTo(5060);
    assertThat(s.publicHost()).isEmpty();
    assertThat(s.username()).isEmpty();
    assertThat(s.password()).isEmpty();
    assertThat(s.fromDomain()).isEqualTo("sip.trunk.example");
    assertThat(s.pAssertedIdentity()).isFalse();
    assertThat(s.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.failureTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.codecs()).containsExactly(Codec.PCMU, Codec.PCMA);
    assertThat(s.dialString("+15551234567")).isEqualTo("+15551234567");
  }

  @Test
  void everyKeyIsRead() {
    SipSettings s =
        SipSettings.parse(
            with(
                "trunk-port", "5080",
                "transport", "TCP",
                "bind-host", "10.0.0.5",
                "bind-port", "0",
                "public-host", "203.0.113.7",
                "username", "acct",
                "password", "pw",
                "auth-username", "auth-acct",
                "from-domain", "calls.example",
                "p-asserted-identity", "true",
                "ring-timeout", "45s",
                "failure-timeout", "2500ms",
                "codecs", "pcma, pcmu",
                "number-format", "Digits",
                "dial-prefix", "9"));

    assertThat(s.trunkPort()).isEqualTo(5080);
    assertThat(s.transport()).isEqualTo(Transport.TCP);
    assertThat(s.bindHost()).isEqualTo("10.0.0.5");
    assertThat(s.bindPort()).isZero();
    assertThat(s.publicHost()).contains("203.0.113.7");
    assertThat(s.digestUsername()).contains("auth-acct");
    assertThat(s.fromDomain()).isEqualTo("calls.example");
    assertThat(s.pAssertedIdentity()).isTrue();
    assertThat(s.ringTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.failureTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.codecs()).containsExactly(Codec.PCMA, Codec.PCMU);
    assertThat(s.numberFormat()).isEqualTo(SipSettings.NumberFormat.DIGITS);
    assertThat(s.dialPrefix()).isEqualTo("9");
    assertThat(SipSettings.KEYS).hasSize(16);
  }

  @Test
  void theDigestUserNameFallsBackToTheUserName() {
    assertThat(SipSettings.parse(with("username", "acct")).digestUsername())
        .isEqualTo(Optional.of("acct"));
  }

  @Test
  void durationsAcceptSecondsMillisecondsAndIso() {
    assertThat(SipSettings.parse(with("ring-timeout", "20")).ringTimeout())
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(SipSettings.parse(with("ring-timeout", "PT1M")).ringTimeout())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "trunk-port|50x60|trunk-port",
        "trunk-port|0|trunk-port",
        "trunk-port|70000|trunk-port",
        "bind-port|-1|bind-port",
        "transport|sctp|transport",
        "transport|tls|tls",
        "p-asserted-identity|yes|p-asserted-identity",
        "ring-timeout|soon|ring-timeout",
        "ring-timeout|0s|ring-timeout",
        "failure-timeout|-5|failure-timeout",
        "codecs|pcmu,opus|codecs",
        "codecs|pcmu,pcmu|codecs",
        "public-host|bad host|public-host",
        "bind-host|a/b|bind-host",
        "number-format|national|number-format",
        "dial-prefix|9-1|dial-prefix",
        "dial-prefix|123456789|dial-prefix"
      })
  void aMalformedValueIsRejectedNamingItsKey(String key, String value, String named) {
    assertThatThrownBy(() -> SipSettings.parse(with(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "e164|''|+4930123456|+4930123456",
        "digits|''|+4930123456|4930123456",
        "digits|00|+4930123456|004930123456",
        "e164|9|+15551234567|9+15551234567",
        "digits|9|15551234567|915551234567"
      })
  void theDialedNumberIsWrittenAsTheTrunkWantsIt(
      String format, String prefix, String number, String dialed) {
    SipSettings s = SipSettings.parse(with("number-format", format, "dial-prefix", prefix));

    assertThat(s.dialString(number)).isEqualTo(dialed);
  }

  @Test
  void theTrunkHostIsRequired() {
    assertThatThrownBy(() -> SipSettings.parse(Map.of("trunk-port", "5060")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trunk-host is required");
  }

  @Test
  void toStringNeverShowsThePassword() {
    SipSettings s = SipSettings.parse(with("username", "acct", "password", "hunter2-secret"));

    assertThat(s.toString()).doesNotContain("hunter2-secret").contains("password=****", "acct");
    assertThat(SipSettings.parse(with()).toString()).contains("password=(none)");
  }

  @Test
  void blankValuesKeepTheDefaults() {
    SipSettings s = SipSettings.parse(with("trunk-port", " ", "codecs", ""));

    assertThat(s.trunkPort()).isEqualTo(5060);
    assertThat(s.codecs()).isEqualTo(List.of(Codec.PCMU, Codec.PCMA));
  }
}
