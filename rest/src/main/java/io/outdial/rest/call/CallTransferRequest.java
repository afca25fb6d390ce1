package io.outdial.rest.call;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.ValidationException;
import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.TransferMode;
import io.outdial.persistence.transfer.TransferOrder;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/calls/{call_id}/transfer}. */
@Schema(name = "CallTransferRequest")
public record CallTransferRequest(
    @JsonProperty("transfer_target_id")
        @Schema(
            description =
                "A human or a queue of the client (target_...). Exactly one of"
                    + " transfer_target_id and queue_id.",
            examples = "target_3kq9z1m0c7dx")
        String transferTargetId,
    @JsonProperty("queue_id") @Schema(description = "A queue of the client (target_... of a queue)")
        String queueId,
    @Schema(
            description =
                "Told to the human first, by text to speech, before the summary of the call so"
                    + " far; at most 2000 characters",
            examples = "Interested in the senior nurse role, available from March")
        String briefing,
    @Schema(
            description =
                "warm (default): Outdial holds the callee, calls the human, whispers the briefing"
                    + " and bridges the two; cold: the callee is referred to the human (SIP"
                    + " REFER) and leaves Outdial",
            enumeration = {"warm", "cold"})
        String mode) {

  /** The order, checked; every refusal names the field. */
  TransferOrder toOrder(ClientId client, CallId call) {
    boolean target = transferTargetId != null && !transferTargetId.isBlank();
    boolean queue = queueId != null && !queueId.isBlank();
    if (target == queue) {
      throw new ValidationException(
          "transfer_target_id", "give exactly one of transfer_target_id and queue_id");
    }
    TransferTargetId id =
        target
            ? TransferTargetId.parse("transfer_target_id", transferTargetId.strip())
            : TransferTargetId.parse("queue_id", queueId.strip());
    if (briefing != null && briefing.length() > TransferOrder.MAX_BRIEFING) {
      throw new ValidationException(
          "briefing", "briefing must be at most " + TransferOrder.MAX_BRIEFING + " characters");
    }
    TransferMode how =
        mode == null || mode.isBlank() ? TransferMode.DEFAULT : TransferMode.fromWire(mode.strip());
    return new TransferOrder(
        client,
        call,
        Optional.of(id),
        queue,
        how,
        Optional.ofNullable(briefing),
        TransferOrder.Requester.API);
  }
}
