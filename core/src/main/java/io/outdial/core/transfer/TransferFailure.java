package io.outdial.core.transfer;

import io.outdial.core.WireNames;

/** Why a transfer did not bring the callee and a human together. */
public enum TransferFailure {
  /** Nobody in the target (or queue) was {@code available}: a callback task was recorded. */
  NO_AGENTS_AVAILABLE,
  /** The human did not pick up within the ring timeout. */
  AGENT_NO_ANSWER,
  /** The human's line was busy or refused the call. */
  AGENT_REJECTED,
  /** The callee hung up (or the call ended otherwise) before the bridge. */
  CALL_ENDED,
  /** The call was not a conversation with a person (still ringing, or a machine answered). */
  NOT_CONVERSING,
  /** The carrier cannot do what the transfer needs (e.g. refused the REFER). */
  CARRIER_REFUSED,
  /** The carrier or the media failed on the way. */
  PROVIDER_ERROR;

  public String wireName() {
    return WireNames.of(this);
  }

  /** The status a transfer ends in for this reason. */
  public TransferStatus status() {
    return this == AGENT_NO_ANSWER ? TransferStatus.NO_ANSWER : TransferStatus.FAILED;
  }

  /** Parses a wire name. */
  public static TransferFailure fromWire(String value) {
    return WireNames.parse(values(), TransferFailure::wireName, "reason", value);
  }
}
