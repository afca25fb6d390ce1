package io.outdial.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outdial.core.ValidationException;
import io.outdial.core.campaign.Voice;
import io.outdial.core.id.AgentId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  private static AgentConfig config(String name, String prompt, Optional<String> greeting) {
    return new AgentConfig(
        name,
        Voice.TARA,
        prompt,
        greeting,
        Optional.empty(),
        FirstMessageMode.DEFAULT,
        AnalysisPlan.DEFAULT,
        LlmOptions.NONE);
  }

  private static void refused(Runnable r, String field, String words) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(words);
  }

  @Test
  void textsAreStrippedAndBlankOptionalTextsAreAbsent() {
    AgentConfig c = config("  Recruiter ", " Prompt ", Optional.of("   "));
    assertThat(c.name()).isEqualTo("Recruiter");
    assertThat(c.systemPrompt()).isEqualTo("Prompt");
    assertThat(c.greetingText()).isEmpty();
  }

  @Test
  void nameAndPromptAreRequiredAndBounded() {
    refused(() -> config(" ", "p", Optional.empty()), "name", "name is required");
    refused(() -> config("n", null, Optional.empty()), "system_prompt", "is required");
    refused(() -> config("x".repeat(201), "p", Optional.empty()), "name", "at most 200 characters");
    refused(
        () -> config("n", "p", Optional.of("g".repeat(20_001))),
        "greeting_text",
        "at most 20000 characters");
  }

  @Test
  void theFirstMessageModeIsOneOfTwoAndDefaultsToSpeakingFirst() {
    assertThat(FirstMessageMode.orDefault(null)).isEqualTo(FirstMessageMode.ASSISTANT_SPEAKS_FIRST);
    assertThat(FirstMessageMode.fromWire("assistant_waits_for_user"))
        .isEqualTo(FirstMessageMode.ASSISTANT_WAITS_FOR_USER);
    refused(
        () -> FirstMessageMode.fromWire("caller_first"),
        "first_message_mode",
        "first_message_mode must be one of: assistant_speaks_first, assistant_waits_for_user");
  }

  @Test
  void temperatureIsBetweenZeroAndTwoAndTheModelIsBounded() {
    assertThat(new LlmOptions(Optional.of(" gpt-4o "), Optional.of(2.0)).model())
        .contains("gpt-4o");
    refused(
        () -> new LlmOptions(Optional.empty(), Optional.of(2.5)),
        "llm_temperature",
        "between 0 and 2");
    refused(
        () -> new LlmOptions(Optional.empty(), Optional.of(Double.NaN)),
        "llm_temperature",
        "between 0 and 2");
    refused(
        () -> new LlmOptions(Optional.of("m".repeat(101)), Optional.empty()),
        "llm_model",
        "at most 100");
  }

  @Test
  void dataFieldsNameTheirPlaceWhenRefused() {
    String at = "analysis_plan.structured_data[2]";
    refused(
        () -> DataField.of(at, "Interested", "boolean", null, null), at + ".name", "lower-case");
    refused(() -> DataField.of(at, "ok", "date", null, null), at + ".type", "must be one of");
    refused(
        () -> DataField.of(at, "ok", "boolean", null, List.of("yes")),
        at + ".enum",
        "only for fields of type string");
    refused(
        () -> DataField.of(at, "ok", "string", null, List.of("a", "a")),
        at + ".enum",
        "lists 'a' twice");
    DataField shift = DataField.of(at, "shift", "string", " When ", List.of("day", "night"));
    assertThat(shift.type()).isEqualTo(DataType.STRING);
    assertThat(shift.description()).contains("When");
    assertThat(shift.enumValues()).containsExactly("day", "night");
  }

  @Test
  void aPlanRefusesRepeatedFieldNames() {
    DataField a = DataField.of("f", "a", "string", null, null);
    refused(
        () -> new AnalysisPlan(true, List.of(a, a), Optional.empty()),
        "analysis_plan.structured_data[1].name",
        "repeats 'a'");
    assertThat(new AnalysisPlan(false, List.of(), Optional.of("  ")).isEmpty()).isTrue();
  }

  @Test
  void agentIdsHaveTheirPrefix() {
    assertThat(AgentId.random().value()).startsWith("agent_");
    refused(() -> AgentId.parse("camp_abc"), "agent_id", "agent_<letters and digits>");
  }
}
