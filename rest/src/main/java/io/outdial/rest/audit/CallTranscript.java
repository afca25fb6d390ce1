package io.outdial.rest.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/calls/{call_id}/transcript}. */
@Schema(name = "CallTranscript")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CallTranscript(
    @JsonProperty("call_id") String callId,
    @JsonProperty("campaign_id") String campaignId,
    @Schema(examples = "human_interested") String disposition,
    @Schema(description = "turns {role, content}") JsonNode transcript,
    @Schema(
            description = "The post-call analysis, as in the audit record",
            type = SchemaType.OBJECT,
            nullable = true)
        JsonNode analysis,
    @Schema(
            description =
                "What the carrier measured, as in the audit record: with the per-turn"
                    + " voice_to_voice_ms and endpointing_ms beside the transcript's turns; absent"
                    + " when nothing was measured")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        AuditRecord.Audio audio) {

  static CallTranscript from(AuditRecord record) {
    return new CallTranscript(
        record.callId(),
        record.campaignId(),
        record.disposition(),
        record.transcript(),
        record.analysis(),
        record.audio());
  }
}
