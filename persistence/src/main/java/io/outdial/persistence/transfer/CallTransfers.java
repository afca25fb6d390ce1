package io.outdial.persistence.transfer;

import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferId;
import io.outdial.core.transfer.TransferFailure;
import io.outdial.core.transfer.TransferStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Transfers of live calls to humans. A request is written whichever server receives it (like a
 * request to end a call); the server holding the call reads the work for its calls at every
 * dispatcher refresh ({@link #pending}) and reports each step back ({@link #advance}). Events go to
 * the webhooks outbox in the same transactions: {@code call.transfer_started} on acceptance, {@code
 * call.transfer_completed} at the bridge (or an accepted referral), {@code call.transfer_failed}
 * when nobody was free or the transfer broke.
 */
public interface CallTransfers {
  /**
   * Picks an available human of the target (the human itself, a member of the queue, or any human
   * of the client), marks them busy and records the transfer, all in one transaction: two
   * concurrent requests never pick the same human. With nobody available, records a callback task
   * instead.
   */
  TransferAsk request(TransferOrder order, TransferId id, Instant now);

  /**
   * Requested transfers and unannounced callback tasks of the open calls held by {@code serverId}.
   * Reading them changes nothing: the server reports what it did through {@link #advance} and
   * {@link #announced}.
   */
  List<TransferWork> pending(String serverId);

  /**
   * Moves a transfer to {@code to} if its state machine allows it from where it stands; a terminal
   * status frees the human (back to {@code available} if still {@code busy}).
   *
   * @return the transfer as it stands after the move, empty when the move was not allowed
   */
  Optional<TransferRecord> advance(
      TransferId id, TransferStatus to, Optional<TransferFailure> failure, Instant now);

  /** The callee was told someone will call back. */
  void announced(String callbackId, Instant now);

  /** The client's transfers of the call, oldest first. */
  List<TransferRecord> ofCall(ClientId client, CallId call);
}
