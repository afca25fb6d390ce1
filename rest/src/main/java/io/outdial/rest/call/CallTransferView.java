package io.outdial.rest.call;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.id.TransferTargetId;
import io.outdial.persistence.transfer.TransferRecord;
import io.outdial.rest.Times;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A transfer of a call: the answer of {@code POST /api/v1/calls/{call_id}/transfer}. */
@Schema(name = "CallTransfer")
public record CallTransferView(
    @JsonProperty("transfer_id") String transferId,
    @JsonProperty("call_id") String callId,
    @Schema(
            description =
                "requested, holding, ringing_agent, whisper, bridged, ended, failed or no_answer",
            enumeration = {
              "requested",
              "holding",
              "ringing_agent",
              "whisper",
              "bridged",
              "ended",
              "failed",
              "no_answer"
            })
        String status,
    @Schema(enumeration = {"warm", "cold"}) String mode,
    @JsonProperty("transfer_target_id")
        @Schema(description = "What was asked for (a human or a queue); null for the agent's own")
        String transferTargetId,
    @JsonProperty("human_id") @Schema(description = "The human picked and marked busy")
        String humanId,
    @JsonProperty("requested_by") @Schema(enumeration = {"api", "agent"}) String requestedBy,
    @Schema(description = "Why it failed, e.g. agent_no_answer, call_ended") String reason,
    @JsonProperty("requested_at") Instant requestedAt,
    @JsonProperty("bridged_at") Instant bridgedAt,
    @JsonProperty("ended_at") Instant endedAt) {

  public static CallTransferView from(TransferRecord t) {
    return new CallTransferView(
        t.id().value(),
        t.callId().value(),
        t.status().wireName(),
        t.mode().wireName(),
        t.target().map(TransferTargetId::value).orElse(null),
        t.human().map(TransferTargetId::value).orElse(null),
        t.requestedBy().wireName(),
        t.failure().map(f -> f.wireName()).orElse(null),
        Times.seconds(t.requestedAt()),
        t.bridgedAt().map(Times::seconds).orElse(null),
        t.endedAt().map(Times::seconds).orElse(null));
  }
}
