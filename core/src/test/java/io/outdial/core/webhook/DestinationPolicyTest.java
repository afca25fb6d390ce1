package io.outdial.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationPolicyTest {
  private final DestinationPolicy strict = DestinationPolicy.STRICT;

  @ParameterizedTest
  @CsvSource({
    "https://127.0.0.1/hook, loopback",
    "https://127.8.9.10/hook, loopback",
    "https://[::1]/hook, loopback",
    "https://10.1.2.3/hook, private",
    "https://172.20.0.1/hook, private",
    "https://192.168.1.1/hook, private",
    "https://100.64.0.1/hook, private",
    "https://[fd12::1]/hook, private",
    "https://169.254.10.1/hook, link-local",
    "https://[fe80::1]/hook, link-local",
    "https://169.254.169.254/latest/meta-data, cloud metadata",
    "https://[fd00:ec2::254]/hook, cloud metadata",
    "https://0.0.0.0/hook, unspecified",
    "https://[::ffff:127.0.0.1]/hook, loopback",
    "https://[::ffff:10.0.0.1]/hook, private",
    "https://[64:ff9b::a9fe:a9fe]/hook, cloud metadata",
    "https://224.0.0.1/hook, multicast",
    "https://240.0.0.1/hook, reserved"
  })
  void refusesEveryNonPublicAddressClass(String url, String what) {
    assertThat(strict.refuseUrl(url)).hasValueSatisfying(r -> assertThat(r).contains(what));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://hooks.example.com/x",
        "ftp://hooks.example.com/x",
        "https://user:pw@hooks.example.com/x",
        "https:///x",
        "hooks.example.com/x",
        "https://hooks.example.com/x#frag",
        "https://exa mple.com/"
      })
  void refusesUrlsOfTheWrongForm(String url) {
    assertThat(strict.refuseUrl(url)).isPresent();
  }

  @Test
  void acceptsPublicHttpsUrls() throws Exception {
    assertThat(strict.refuseUrl("https://hooks.example.com:8443/outdial?x=1")).isEmpty();
    assertThat(strict.refuseUrl("https://93.184.215.14/hook")).isEmpty();
    assertThat(strict.refuseAddress("hooks.example.com", InetAddress.getByName("8.8.8.8")))
        .isEmpty();
  }

  @Test
  void aNameResolvingToAPrivateAddressIsRefusedAtDelivery() throws Exception {
    assertThat(strict.refuseAddress("hooks.example.com", InetAddress.getByName("10.0.0.7")))
        .hasValueSatisfying(r -> assertThat(r).contains("private address (10.0.0.7)"));
  }

  @Test
  void theOperatorAllowsHostsAndNetworksAndOnlyThoseMayUsePlainHttp() throws Exception {
    DestinationPolicy p = DestinationPolicy.parse("127.0.0.1/32, hooks.internal ,10.9.0.0/16");
    assertThat(p.refuseUrl("http://127.0.0.1:8080/hook")).isEmpty();
    assertThat(p.refuseUrl("http://hooks.internal/hook")).isEmpty();
    assertThat(p.refuseUrl("https://10.9.3.4/hook")).isEmpty();
    assertThat(p.refuseUrl("https://10.8.3.4/hook")).isPresent();
    assertThat(p.refuseUrl("http://hooks.example.com/hook")).isPresent();
    assertThat(p.refuseUrl("https://127.0.0.2/hook")).isPresent();
    InetAddress loop = InetAddress.getByName("127.0.0.1");
    assertThat(p.plainHttpAllowed("other.example", List.of(loop))).isTrue();
    assertThat(p.plainHttpAllowed("other.example", List.of(loop, InetAddress.getByName("8.8.8.8"))))
        .isFalse();
    assertThat(p.refuseAddress("hooks.internal", InetAddress.getByName("192.168.0.1"))).isEmpty();
  }
}
