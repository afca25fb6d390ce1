package io.outdial.persistence.transfer;

import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.core.transfer.TransferFailure;
import io.outdial.core.transfer.TransferMode;
import io.outdial.core.transfer.TransferStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored transfer.
 *
 * @param target what was asked for (a human or a queue); empty when the agent asked for anyone
 * @param human the human picked (and marked busy); empty once that human was deleted
 * @param address where the human is reached, as it was when picked
 */
public record TransferRecord(
    TransferId id,
    ClientId clientId,
    CallId callId,
    Optional<TransferTargetId> target,
    Optional<TransferTargetId> human,
    TargetAddress address,
    TransferMode mode,
    Optional<String> briefing,
    TransferOrder.Requester requestedBy,
    TransferStatus status,
    Optional<TransferFailure> failure,
    Instant requestedAt,
    Instant updatedAt,
    Optional<Instant> bridgedAt,
    Optional<Instant> endedAt) {}
