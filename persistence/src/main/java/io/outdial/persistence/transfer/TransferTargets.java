package io.outdial.persistence.transfer;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.QueueAvailability;
import io.outdial.core.transfer.TargetSpec;
import io.outdial.core.transfer.TargetType;
import io.outdial.persistence.campaign.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Transfer targets of every client. Every look-up is scoped by client: another client's target is
 * simply not found, and a queue id of another client is unknown. Writes of one client's targets are
 * serialised, so the duplicate checks hold under concurrent requests. Every method is a transaction
 * of its own, or joins the caller's.
 */
public interface TransferTargets {
  /** Stores a new target; a human without a status is {@link AgentStatus#DEFAULT}. */
  TargetWrite create(ClientId client, TransferTargetId id, TargetSpec spec, Instant now);

  /** The client's target. */
  Optional<TargetRecord> find(ClientId client, TransferTargetId id);

  /** A page of the client's targets (of one type, or all), oldest first, with their number. */
  Page<TargetRecord> list(ClientId client, Optional<TargetType> type, int limit, long offset);

  /**
   * Replaces the target's name, address and (for a human) queues; a human's status changes only
   * when the spec has one. The type never changes.
   */
  TargetWrite replace(ClientId client, TransferTargetId id, TargetSpec spec, Instant now);

  /** Sets a human's status. */
  StatusChange status(ClientId client, TransferTargetId id, AgentStatus status, Instant now);

  /**
   * Deletes the target; a deleted queue loses its members (the humans stay), a deleted human leaves
   * its queues.
   *
   * @return whether the client had it
   */
  boolean delete(ClientId client, TransferTargetId id);

  /**
   * Who can take a transfer: the client's queues (all of them, oldest first, or the one whose id or
   * name, ignoring case, is {@code queue}) with their members by status, and the humans counted:
   * every human of the client, or the members of that one queue.
   *
   * @return empty when {@code queue} names no queue of the client
   */
  Optional<Availability> availability(ClientId client, Optional<String> queue);

  /** The answer of {@link #availability}. */
  record Availability(List<QueueAvailability> queues, List<QueueAvailability.Member> humans) {
    public Availability {
      queues = List.copyOf(queues);
      humans = List.copyOf(humans);
    }
  }
}
