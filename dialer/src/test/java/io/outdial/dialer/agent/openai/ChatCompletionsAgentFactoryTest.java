package io.outdial.dialer.agent.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatCompletionsAgentFactoryTest {
  private final ChatCompletionsAgentFactory factory = new ChatCompletionsAgentFactory();

  @Test
  void isRegisteredAsOpenAiWithItsFiveSettings() {
    assertThat(factory.name()).isEqualTo("openai");
    assertThat(factory.settingKeys())
        .containsExactlyInAnyOrder("base-url", "model", "api-key", "timeout-seconds", "json-mode");
  }

  @Test
  void onlyTheBaseUrlIsRequired() {
    assertThatThrownBy(() -> factory.create(Map.of("model", "llama3.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outdial.agent.openai.base-url is required when outdial.agent=openai");
  }

  @Test
  void defaultsFillTheRest() {
    ChatCompletionsConfig config =
        ChatCompletionsAgentFactory.config(Map.of("base-url", "http://localhost:8000/v1/"));

    assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:8000"));
    assertThat(config.model()).isEqualTo("gpt-4o-mini");
    assertThat(config.apiKey()).isEmpty();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.jsonMode()).isTrue();
  }

  @Test
  void readsEverySetting() {
    ChatCompletionsConfig config =
        ChatCompletionsAgentFactory.config(
            Map.of(
                "base-url", "https://api.openai.com",
                "model", "gpt-4o",
                "api-key", "sk-test",
                "timeout-seconds", "45",
                "json-mode", "false"));

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.openai.com"));
    assertThat(config.model()).isEqualTo("gpt-4o");
    assertThat(config.apiKey()).contains("sk-test");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.jsonMode()).isFalse();
    assertThat(config.toString()).doesNotContain("sk-test");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "base-url | ftp://models | outdial.agent.openai.base-url must be an http or https URL",
        "base-url | http://bad host | outdial.agent.openai.base-url must be an http or https URL",
        "timeout-seconds | soon | outdial.agent.openai.timeout-seconds must be a duration",
        "timeout-seconds | 0 | outdial.agent.openai.timeout-seconds must be a duration",
        "json-mode | yes | outdial.agent.openai.json-mode must be true or false",
      })
  void aMalformedSettingFailsNamingItsKey(String key, String value, String message) {
    Map<String, String> settings = new HashMap<>(Map.of("base-url", "http://llm:8000"));
    settings.put(key, value);

    assertThatThrownBy(() -> factory.create(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message)
        .hasMessageContaining("'" + value + "'");
  }
}
