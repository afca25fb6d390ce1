package io.outdial.persistence.transfer;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.core.transfer.TargetType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored transfer target.
 *
 * @param status a human's status; empty for a queue
 * @param statusChangedAt when a human's status was last set (at creation, or by a change)
 * @param queueIds the queues a human belongs to, in the order of their creation; empty for a queue
 */
public record TargetRecord(
    TransferTargetId id,
    ClientId clientId,
    TargetType type,
    String name,
    Optional<TargetAddress> address,
    Optional<AgentStatus> status,
    Optional<Instant> statusChangedAt,
    List<TransferTargetId> queueIds,
    Instant createdAt,
    Instant updatedAt) {
  public TargetRecord {
    queueIds = List.copyOf(queueIds);
  }
}
