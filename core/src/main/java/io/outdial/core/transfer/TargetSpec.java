package io.outdial.core.transfer;

import io.outdial.core.ValidationException;
import io.outdial.core.id.TransferTargetId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client says a transfer target is. A human has an address and a status and belongs to zero
 * or more queues; a queue has a name and may have an address of its own, but no status and no
 * queues. Every refusal names the field.
 *
 * @param status a human's status when the client gave one (a new human without one is {@link
 *     AgentStatus#DEFAULT}, a replaced one keeps its own); always empty for a queue
 * @param queueIds the queues a human belongs to, without repeats, in the order given
 */
public record TargetSpec(
    TargetType type,
    String name,
    Optional<TargetAddress> address,
    Optional<AgentStatus> status,
    List<TransferTargetId> queueIds) {
  /** Longest name. */
  public static final int MAX_NAME = 200;

  /** Most queues one human belongs to. */
  public static final int MAX_QUEUES = 50;

  public TargetSpec {
    if (type == null) {
      throw new ValidationException("type", "type is required (human or queue)");
    }
    if (name == null || name.isBlank()) {
      throw new ValidationException("name", "name is required");
    }
    name = name.strip();
    if (name.length() > MAX_NAME) {
      throw new ValidationException("name", "name must be at most " + MAX_NAME + " characters");
    }
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(queueIds, "queueIds");
    if (type == TargetType.HUMAN) {
      if (address.isEmpty()) {
        throw new ValidationException(
            "address", "address is required for a human (a SIP URI or an E.164 number)");
      }
      if (queueIds.size() > MAX_QUEUES) {
        throw new ValidationException(
            "queue_ids", "queue_ids may hold at most " + MAX_QUEUES + " queues");
      }
      queueIds = List.copyOf(new LinkedHashSet<>(queueIds));
    } else {
      if (status.isPresent()) {
        throw new ValidationException(
            "status", "status applies to humans only: a queue's availability is its members'");
      }
      if (!queueIds.isEmpty()) {
        throw new ValidationException("queue_ids", "queue_ids applies to humans only");
      }
      queueIds = List.of();
    }
  }

  /** A human. */
  public static TargetSpec human(
      String name, TargetAddress address, AgentStatus status, List<TransferTargetId> queues) {
    return new TargetSpec(
        TargetType.HUMAN, name, Optional.of(address), Optional.of(status), queues);
  }

  /** A queue, with an address of its own or none. */
  public static TargetSpec queue(String name, Optional<TargetAddress> address) {
    return new TargetSpec(TargetType.QUEUE, name, address, Optional.empty(), List.of());
  }
}
