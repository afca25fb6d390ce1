package io.outdial.persistence.transfer;

import io.outdial.core.id.CallId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.transfer.TransferMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to hand a live call to a human.
 *
 * @param target a human or a queue of the client; empty: any available human of the client (what
 *     the agent's own transfer asks for when its campaign names no target)
 * @param queueOnly the target was given as {@code queue_id}: it must be a queue
 * @param briefing what the integrator wants the human told first; the server adds the summary of
 *     the call so far
 */
public record TransferOrder(
    ClientId client,
    CallId call,
    Optional<TransferTargetId> target,
    boolean queueOnly,
    TransferMode mode,
    Optional<String> briefing,
    Requester requestedBy) {
  /** Longest briefing kept. */
  public static final int MAX_BRIEFING = 2000;

  /** Who asked for the transfer. */
  public enum Requester {
    API,
    AGENT;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public TransferOrder {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(briefing, "briefing");
    Objects.requireNonNull(requestedBy, "requestedBy");
    briefing = briefing.map(String::strip).filter(b -> !b.isEmpty());
  }
}
