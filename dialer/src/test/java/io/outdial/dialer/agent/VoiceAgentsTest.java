package io.outdial.dialer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.dialer.agent.openai.ChatCompletionsAgent;
import io.outdial.dialer.agent.openai.ChatCompletionsAgentFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoiceAgentsTest {
  @Test
  void serviceLoaderFindsTheScriptedAndTheOpenAiAgents() {
    assertThat(VoiceAgents.available()).containsExactly("openai", "scripted");
    assertThat(VoiceAgents.DEFAULT).isEqualTo("scripted");
    assertThat(VoiceAgents.factory("scripted")).isInstanceOf(ScriptedAgentFactory.class);
    assertThat(VoiceAgents.factory(" OpenAI ")).isInstanceOf(ChatCompletionsAgentFactory.class);
  }

  @Test
  void createsTheNamedAgentFromItsSettings() {
    assertThat(VoiceAgents.create("Scripted", Map.of())).isInstanceOf(ScriptedAgent.class);
    assertThat(VoiceAgents.create("openai", Map.of("base-url", "http://localhost:8000")))
        .isInstanceOf(ChatCompletionsAgent.class);
  }

  @Test
  void unknownAgentNameListsTheAvailableOnes() {
    assertThatThrownBy(() -> VoiceAgents.create("Claude", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no voice agent named 'claude'; available: [openai, scripted]");
  }

  @Test
  void scriptedAgentReadsNoSettings() {
    assertThat(new ScriptedAgentFactory().settingKeys()).isEmpty();
  }
}
