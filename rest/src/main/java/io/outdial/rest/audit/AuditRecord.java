package io.outdial.rest.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.persistence.call.CallRecord;
import io.outdial.persistence.dialing.AudioTimes;
import io.outdial.rest.Times;
import io.outdial.rest.json.JsonProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A call's audit trail, shaped as in the reference document. */
@Schema(name = "AuditRecord")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditRecord(
    @JsonProperty("call_id") String callId,
    @JsonProperty("campaign_id") String campaignId,
    @Schema(description = "phone and the contact's other known fields") Map<String, String> contact,
    @Schema(examples = "human_interested") String disposition,
    @JsonProperty("duration_s") Double durationS,
    @Schema(description = "turns {role, content}") JsonNode transcript,
    @Schema(description = "detected intents {intent, confidence, timestamp}") JsonNode intents,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("ended_at") Instant endedAt,
    int attempt,
    @JsonProperty("error_reason") @JsonInclude(JsonInclude.Include.NON_NULL) String errorReason,
    @Schema(
            description =
                "What a carrier with audio measured about the call (absent for the simulator)",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Audio audio,
    @Schema(
            description =
                "What the integrator wrote back onto the call (POST"
                    + " /api/v1/calls/{call_id}/metadata); null until then",
            type = SchemaType.OBJECT,
            nullable = true)
        JsonNode metadata,
    @JsonProperty("contact_metadata")
        @Schema(
            description = "The metadata object given with the contact; {} when none was",
            type = SchemaType.OBJECT)
        JsonNode contactMetadata,
    @Schema(
            description =
                "Post-call analysis of the agent's analysis plan: {status: pending} until it ran,"
                    + " then {status: completed, summary, structured_data, success_evaluation,"
                    + " analyzer, analyzed_at} or {status: failed, error}; null for calls that get"
                    + " none (not answered by a person, or a campaign without an agent)",
            type = SchemaType.OBJECT,
            nullable = true)
        JsonNode analysis,
    @JsonProperty("end_reason")
        @Schema(
            description =
                "What ended the call, as in the call.ended event: agent_hang_up, remote_hang_up,"
                    + " not_reached, ring_timeout, max_duration, provider_failure, agent_failure,"
                    + " cancelled, server_lost, or ended_by_request (POST"
                    + " /api/v1/calls/{call_id}/end); absent while the call is up",
            examples = "ended_by_request")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String endReason,
    @JsonProperty("end_requested_at")
        @Schema(
            description =
                "When the integrator asked to end the call (POST /api/v1/calls/{call_id}/end);"
                    + " absent when nobody did")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Instant endRequestedAt,
    @Schema(
            description =
                "The call's transfers to humans (POST /api/v1/calls/{call_id}/transfer or the"
                    + " agent's own), oldest first: {transfer_id, status, mode,"
                    + " transfer_target_id, human_id, requested_by, reason, requested_at,"
                    + " bridged_at, ended_at}; [] when none",
            type = SchemaType.ARRAY)
        JsonNode transfers) {

  /** Times in milliseconds; each null when not measured. */
  @Schema(name = "AuditAudio")
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Audio(
      @Schema(description = "from the answer to the agent's first audio")
          @JsonProperty("first_audio_ms")
          Integer firstAudioMs,
      @Schema(description = "from the answer to the answering-machine detection's verdict")
          @JsonProperty("machine_detection_ms")
          Integer machineDetectionMs,
      @Schema(description = "silence the callee met before the agent's first audio")
          @JsonProperty("dead_air_ms")
          Integer deadAirMs,
      @Schema(
              description =
                  "per turn of the callee the agent answered, oldest first: from the end of the"
                      + " callee's speech to the agent's first audio; null when none was measured")
          @JsonProperty("voice_to_voice_ms")
          List<Integer> voiceToVoiceMs,
      @Schema(
              description =
                  "per turn of the callee, oldest first: from the end of their speech to the end"
                      + " of their turn being decided (the end-of-turn silence); null when none")
          @JsonProperty("endpointing_ms")
          List<Integer> endpointingMs) {
    static Audio of(AudioTimes times) {
      if (times.equals(AudioTimes.NONE)) {
        return null;
      }
      return new Audio(
          times.firstAudioMs().orElse(null),
          times.machineDetectionMs().orElse(null),
          times.deadAirMs().orElse(null),
          times.voiceToVoiceMs().isEmpty() ? null : times.voiceToVoiceMs(),
          times.endpointingMs().isEmpty() ? null : times.endpointingMs());
    }
  }

  static AuditRecord from(CallRecord call) {
    return new AuditRecord(
        call.callId(),
        call.campaignId(),
        call.contact(),
        call.disposition().orElse(null),
        call.durationSeconds().orElse(null),
        json(call.transcriptJson()),
        json(call.intentsJson()),
        Times.seconds(call.startedAt()),
        call.endedAt().map(Times::seconds).orElse(null),
        call.attempt(),
        call.errorReason().orElse(null),
        Audio.of(call.audio()),
        call.metadataJson().map(AuditRecord::json).orElse(null),
        json(call.contactMetadataJson()),
        call.analysisJson().map(AuditRecord::json).orElse(null),
        call.endReason().orElse(null),
        call.endRequestedAt().map(Times::seconds).orElse(null),
        json(call.transfersJson()));
  }

  private static JsonNode json(String text) {
    try {
      return JsonProvider.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("transcripts, intents and metadata are stored as JSON", e);
    }
  }
}
