package io.outdial.rest.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.ValidationException;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.core.transfer.TargetSpec;
import io.outdial.core.transfer.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/transfer-targets} and {@code PUT
 * /api/v1/transfer-targets/{target_id}}.
 */
@Schema(name = "TransferTargetRequest")
public record TransferTargetRequest(
    @Schema(
            required = true,
            enumeration = {"human", "queue"})
        String type,
    @Schema(required = true, examples = "Dana (senior recruiter)") String name,
    @Schema(
            description =
                "Where the target is reached: a SIP URI (sip: or sips:) or an E.164 number."
                    + " Required for a human; optional for a queue (a hunt group or ACD number)."
                    + " Unique among the client's targets.",
            examples = "sip:dana@pbx.example.com")
        String address,
    @Schema(
            description =
                "A human's availability, set by the integrator's system. Default for a new"
                    + " human: offline; left out of a PUT, the human keeps its status. Not for"
                    + " queues.",
            enumeration = {"available", "busy", "offline"})
        String status,
    @JsonProperty("queue_ids")
        @Schema(
            description =
                "The queues (target_id of the client's queue targets) a human belongs to; at most"
                    + " 50. Not for queues.")
        List<String> queueIds) {

  /** The target asked for, checked; every refusal names the field. */
  TargetSpec toSpec() {
    TargetType kind = TargetType.fromWire(type);
    Optional<TargetAddress> where =
        address == null || address.isBlank()
            ? Optional.empty()
            : Optional.of(new TargetAddress(address));
    Optional<AgentStatus> availability =
        status == null ? Optional.empty() : Optional.of(AgentStatus.fromWire(status));
    List<TransferTargetId> queues = new ArrayList<>();
    if (queueIds != null) {
      if (queueIds.size() > TargetSpec.MAX_QUEUES) {
        throw new ValidationException(
            "queue_ids", "queue_ids may hold at most " + TargetSpec.MAX_QUEUES + " queues");
      }
      for (String id : queueIds) {
        queues.add(TransferTargetId.parse("queue_ids", id));
      }
    }
    return new TargetSpec(kind, name, where, availability, queues);
  }
}
