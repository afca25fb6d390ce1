package io.outdial.core.transfer;

import io.outdial.core.WireNames;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a transfer stands. A warm transfer goes {@code requested → holding → ringing_agent →
 * whisper → bridged → ended}; a cold one {@code requested → ringing_agent → ended} (the carrier
 * took the referral). It stops at {@code no_answer} when the human does not pick up, and at {@code
 * failed} for anything else that breaks it (the callee hung up meanwhile, the carrier refused,
 * nobody was free). The terminal states free the human.
 */
public enum TransferStatus {
  REQUESTED,
  HOLDING,
  RINGING_AGENT,
  WHISPER,
  BRIDGED,
  ENDED,
  FAILED,
  NO_ANSWER;

  public String wireName() {
    return WireNames.of(this);
  }

  /** Whether nothing follows this status. */
  public boolean terminal() {
    return this == ENDED || this == FAILED || this == NO_ANSWER;
  }

  /** Whether the callee and the human have been talking to each other. */
  public boolean completed() {
    return this == BRIDGED || this == ENDED;
  }

  /** The statuses a transfer may move to from this one. */
  public Set<TransferStatus> next() {
    return switch (this) {
      case REQUESTED -> EnumSet.of(HOLDING, RINGING_AGENT, FAILED);
      case HOLDING -> EnumSet.of(RINGING_AGENT, FAILED);
      case RINGING_AGENT -> EnumSet.of(WHISPER, ENDED, FAILED, NO_ANSWER);
      case WHISPER -> EnumSet.of(BRIDGED, FAILED, NO_ANSWER);
      case BRIDGED -> EnumSet.of(ENDED);
      case ENDED, FAILED, NO_ANSWER -> EnumSet.noneOf(TransferStatus.class);
    };
  }

  /** Whether a transfer in this status may move to {@code to}. */
  public boolean canMoveTo(TransferStatus to) {
    return next().contains(to);
  }

  /** Parses a wire name; unknown values raise a {@code ValidationException} for {@code status}. */
  public static TransferStatus fromWire(String value) {
    return WireNames.parse(values(), TransferStatus::wireName, "status", value);
  }
}
