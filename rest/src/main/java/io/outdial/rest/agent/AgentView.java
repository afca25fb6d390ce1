package io.outdial.rest.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.persistence.agent.AgentRecord;
import io.outdial.rest.Times;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent as the API shows it. */
@Schema(name = "Agent")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AgentView(
    @JsonProperty("agent_id") String agentId,
    @JsonProperty("client_id") String clientId,
    String name,
    String voice,
    @JsonProperty("system_prompt") String systemPrompt,
    @JsonProperty("greeting_text") String greetingText,
    @JsonProperty("voicemail_text") String voicemailText,
    @JsonProperty("first_message_mode") String firstMessageMode,
    @JsonProperty("analysis_plan") AnalysisPlanBody analysisPlan,
    @JsonProperty("llm_model") String llmModel,
    @JsonProperty("llm_temperature") Double llmTemperature,
    @Schema(description = "1 at creation, one more at every update") long revision,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {

  static AgentView from(AgentRecord a) {
    var c = a.config();
    return new AgentView(
        a.id().value(),
        a.clientId().value(),
        c.name(),
        c.voice().wireName(),
        c.systemPrompt(),
        c.greetingText().orElse(null),
        c.voicemailText().orElse(null),
        c.firstMessageMode().wireName(),
        AnalysisPlanBody.from(c.analysisPlan()),
        c.llm().model().orElse(null),
        c.llm().temperature().orElse(null),
        a.revision(),
        Times.seconds(a.createdAt()),
        Times.seconds(a.updatedAt()));
  }
}
