package io.outdial.persistence.transfer;

import io.outdial.core.id.CallId;

/** What the server holding a call has to do about transfers of it. */
public sealed interface TransferWork {
  CallId callId();

  /** Start a requested transfer. */
  record Start(TransferRecord transfer) implements TransferWork {
    @Override
    public CallId callId() {
      return transfer.callId();
    }
  }

  /** Nobody was free: tell the callee someone will call back, then mark the task announced. */
  record AnnounceCallback(String callbackId, CallId callId) implements TransferWork {}
}
