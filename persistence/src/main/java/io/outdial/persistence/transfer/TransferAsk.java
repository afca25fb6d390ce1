package io.outdial.persistence.transfer;

import java.time.Instant;

/** What asking for a transfer did. */
public sealed interface TransferAsk {
  /** A human was picked and marked busy; the server holding the call takes it from here. */
  record Accepted(TransferRecord transfer) implements TransferAsk {}

  /** The client has no such call (or it belongs to a deleted campaign). */
  record CallNotFound() implements TransferAsk {}

  /** The call has ended, or is being ended on request. */
  record NotActive() implements TransferAsk {}

  /** The call is being transferred already. */
  record AlreadyTransferring(TransferRecord transfer) implements TransferAsk {}

  /** The named target is not one of the client's. */
  record TargetNotFound(String field) implements TransferAsk {}

  /** {@code queue_id} named a human. */
  record NotAQueue(String field) implements TransferAsk {}

  /**
   * Nobody was available: a callback task was recorded, the {@code call.transfer_failed} event
   * written, and the server holding the call will have the agent say someone will call back.
   */
  record NoAgentAvailable(String callbackId, Instant recordedAt) implements TransferAsk {}
}
