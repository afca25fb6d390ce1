package io.outdial.rest.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.agent.AgentConfig;
import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.campaign.Voice;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/agents} and {@code PUT /api/v1/agents/{agent_id}}. */
@Schema(name = "AgentRequest")
public record AgentRequest(
    @Schema(required = true, examples = "Healthcare recruiter") String name,
    @Schema(
            description = "Orpheus voice: tara, leah, jess, mia, zoe, leo, dan, zac",
            defaultValue = "tara")
        String voice,
    @JsonProperty("system_prompt")
        @Schema(required = true, description = "AI agent personality and instructions")
        String systemPrompt,
    @JsonProperty("greeting_text") @Schema(description = "The agent's opening line")
        String greetingText,
    @JsonProperty("voicemail_text") @Schema(description = "Voicemail drop text")
        String voicemailText,
    @JsonProperty("first_message_mode")
        @Schema(
            enumeration = {"assistant_speaks_first", "assistant_waits_for_user"},
            defaultValue = "assistant_speaks_first")
        String firstMessageMode,
    @JsonProperty("analysis_plan") AnalysisPlanBody analysisPlan,
    @JsonProperty("llm_model")
        @Schema(
            description = "Model for this agent; absent: the server's OUTDIAL_AGENT_OPENAI_MODEL")
        String llmModel,
    @JsonProperty("llm_temperature") @Schema(minimum = "0", maximum = "2") Double llmTemperature) {

  /** The configuration asked for, checked; every refusal names the field. */
  AgentConfig toConfig() {
    return new AgentConfig(
        name,
        Voice.orDefault(voice),
        systemPrompt,
        Optional.ofNullable(greetingText),
        Optional.ofNullable(voicemailText),
        FirstMessageMode.orDefault(firstMessageMode),
        AnalysisPlanBody.toPlan(analysisPlan),
        new LlmOptions(Optional.ofNullable(llmModel), Optional.ofNullable(llmTemperature)));
  }
}
