package io.outdial.dialer.call;

import io.outdial.core.id.TransferId;
import io.outdial.core.transfer.TargetAddress;
import io.outdial.core.transfer.TransferAcceptance;
import io.outdial.core.transfer.TransferMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A transfer the session is to carry out: the human picked (and marked busy) when it was requested.
 *
 * @param briefing the integrator's words for the human, whispered before the summary of the call
 * @param acceptance how the human accepts a warm transfer: by answering, or by a key after the
 *     whisper
 */
public record TransferPlan(
    TransferId id,
    TargetAddress address,
    TransferMode mode,
    Optional<String> briefing,
    TransferAcceptance acceptance) {
  public TransferPlan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(briefing, "briefing");
    Objects.requireNonNull(acceptance, "acceptance");
  }
}
