package io.outdial.dialer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.dialer.agent.ScriptedAgent;
import io.outdial.dialer.agent.openai.ChatCompletionsAgent;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** What the producers read from MicroProfile Config, without a container. */
class DialerProducersTest {
  private static DialerProducers producers(Map<String, String> values) {
    DialerProducers producers = new DialerProducers();
    producers.config =
        (Config)
            Proxy.newProxyInstance(
                Config.class.getClassLoader(),
                new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getOptionalValue") && args[1] == String.class) {
                    return Optional.ofNullable(values.get((String) args[0]));
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return producers;
  }

  @Test
  void settingsAreReadOnceWithTheirDefaults() {
    DialerProducers producers = producers(Map.of("outdial.dialer.capacity", " 40 "));

    DialerSettings settings = producers.settings();

    assertThat(settings.capacity()).isEqualTo(40);
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.provider()).isEqualTo("simulator");
    assertThat(settings.limits().ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(producers.settings()).isSameAs(settings);
  }

  @Test
  void aMalformedSettingFailsNamingItsKey() {
    DialerProducers producers = producers(Map.of("outdial.dialer.capacity", "lots"));

    assertThatThrownBy(producers::settings)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("outdial.dialer.capacity must be a whole number from 1 to 100000")
        .hasMessageContaining("'lots'");
  }

  @Test
  void durationsTakeTheOneSyntaxABareNumberBeingTheUnitOfTheirName() {
    DialerSettings settings =
        producers(
                Map.of(
                    "outdial.dialer.ring-timeout-seconds", "45",
                    "outdial.dialer.max-call-seconds", "2m",
                    "outdial.dialer.lease-seconds", "PT20S",
                    "outdial.dialer.retry.delay-seconds", "0.5",
                    "outdial.dialer.refresh-ms", "1s"))
            .settings();

    assertThat(settings.limits().ringTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(settings.limits().maxDuration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.refresh()).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> producers(Map.of("outdial.dialer.lease-seconds", "2h")).settings())
        .hasMessage(
            "outdial.dialer.lease-seconds must be a duration from 1s to 1h such as 250ms, 15s, 2m,"
                + " 1h or PT15S (a bare number is seconds), got '2h'");
  }

  @Test
  void answeringAcceptsATransferUnlessAKeyIsSet() {
    DialerSettings plain = producers(Map.of()).settings();
    assertThat(plain.acceptance().byKey()).isFalse();

    DialerSettings byKey =
        producers(
                Map.of("outdial.transfer.accept-key", "1", "outdial.transfer.accept-seconds", "15"))
            .settings();
    assertThat(byKey.acceptance().key()).contains('1');
    assertThat(byKey.acceptance().within()).isEqualTo(Duration.ofSeconds(15));
    assertThat(producers(Map.of("outdial.transfer.accept-key", "none")).settings().acceptance())
        .isEqualTo(plain.acceptance());
    assertThatThrownBy(
            () -> producers(Map.of("outdial.transfer.accept-key", "12")).settings().acceptance())
        .hasMessageStartingWith("outdial.transfer.accept-key must be one phone key");
  }

  @Test
  void theScriptedAgentIsTheDefault() {
    assertThat(producers(Map.of()).agent()).isInstanceOf(ScriptedAgent.class);
    assertThat(producers(Map.of("outdial.agent", " ")).agent()).isInstanceOf(ScriptedAgent.class);
  }

  @Test
  void theOpenAiAgentReadsItsSettingsUnderItsName() {
    assertThat(
            producers(
                    Map.of(
                        "outdial.agent", "OpenAI",
                        "outdial.agent.openai.base-url", "http://localhost:8000"))
                .agent())
        .isInstanceOf(ChatCompletionsAgent.class);

    assertThatThrownBy(() -> producers(Map.of("outdial.agent", "openai")).agent())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outdial.agent.openai.base-url is required when outdial.agent=openai");
  }

  @Test
  void anUnknownAgentNamesTheSettingAndTheKnownAgents() {
    assertThatThrownBy(() -> producers(Map.of("outdial.agent", "eliza")).agent())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outdial.agent: no voice agent named 'eliza'; available: [openai, scripted]");
  }

  @Test
  void providerSettingsAreTheListedKeysUnderThePrefixStrippedOfIt() {
    DialerProducers producers =
        producers(
            Map.of(
                "outdial.telephony.simulator.time-scale", " 0.01 ",
                "outdial.telephony.simulator.seed", "",
                "outdial.telephony.simulator.unlisted", "1",
                "outdial.telephony.sip.time-scale", "2"));

    assertThat(
            producers.settingsUnder(
                "outdial.telephony.simulator.", Set.of("time-scale", "seed", "mix.human")))
        .isEqualTo(Map.of("time-scale", "0.01"));
  }
}
