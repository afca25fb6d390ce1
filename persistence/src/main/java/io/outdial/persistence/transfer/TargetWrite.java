package io.outdial.persistence.transfer;

import io.outdial.core.id.TransferTargetId;

/** What creating or replacing a transfer target did. */
public sealed interface TargetWrite {
  /** Stored. */
  record Written(TargetRecord target) implements TargetWrite {}

  /** The client has no such target (replace only). */
  record NotFound() implements TargetWrite {}

  /** Another target of the client has this address. */
  record DuplicateAddress(TransferTargetId existing) implements TargetWrite {}

  /** Another queue of the client has this name (names of queues compare ignoring case). */
  record DuplicateQueueName(TransferTargetId existing) implements TargetWrite {}

  /** A queue id given is not one of the client's queues. */
  record UnknownQueue(TransferTargetId queueId) implements TargetWrite {}

  /** A replace tried to turn a human into a queue or back. */
  record TypeChanged() implements TargetWrite {}
}
