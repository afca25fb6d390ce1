package io.outdial.dialer.dispatch;

import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferId;
import io.outdial.core.transfer.TransferFailure;
import io.outdial.core.transfer.TransferStatus;
import io.outdial.persistence.transfer.CallTransfers;
import io.outdial.persistence.transfer.TransferAsk;
import io.outdial.persistence.transfer.TransferOrder;
import io.outdial.persistence.transfer.TransferRecord;
import io.outdial.persistence.transfer.TransferWork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link CallTransfers} for the dispatcher's tests: work handed out as set, steps recorded. */
final class RecordingTransfers implements CallTransfers {
  final List<TransferWork> work = new CopyOnWriteArrayList<>();
  final List<String> steps = new CopyOnWriteArrayList<>();
  final List<String> announced = new CopyOnWriteArrayList<>();
  final List<TransferOrder> orders = new CopyOnWriteArrayList<>();

  @Override
  public TransferAsk request(TransferOrder order, TransferId id, Instant now) {
    orders.add(order);
    return new TransferAsk.NoAgentAvailable("cb_test", now);
  }

  @Override
  public List<TransferWork> pending(String serverId) {
    return List.copyOf(work);
  }

  @Override
  public Optional<TransferRecord> advance(
      TransferId id, TransferStatus to, Optional<TransferFailure> failure, Instant now) {
    steps.add(to.wireName());
    if (to.terminal()) {
      work.removeIf(w -> w instanceof TransferWork.Start s && s.transfer().id().equals(id));
    }
    return Optional.empty();
  }

  @Override
  public void announced(String callbackId, Instant now) {
    announced.add(callbackId);
    work.removeIf(
        w -> w instanceof TransferWork.AnnounceCallback c && c.callbackId().equals(callbackId));
  }

  @Override
  public List<TransferRecord> ofCall(ClientId client, CallId call) {
    return List.of();
  }
}
