package io.outdial.core.call;

import io.outdial.core.WireNames;

/** What brought a call to its end, beside its disposition; useful in logs and stats. */
public enum EndReason {
  /** The agent said its last line and hung up, or left the voicemail and hung up. */
  AGENT_HANG_UP,
  /** The callee (or their machine) hung up. */
  REMOTE_HANG_UP,
  /** The carrier reported no answer or busy. */
  NOT_REACHED,
  /** Nobody answered before the dialer's ring timeout. */
  RING_TIMEOUT,
  /** The call reached the maximum duration. */
  MAX_DURATION,
  /** The provider reported a failure. */
  PROVIDER_FAILURE,
  /** The voice agent could not produce a reply. */
  AGENT_FAILURE,
  /** The dialer cancelled the call (campaign deleted). */
  CANCELLED,
  /**
   * The server hung up because it could no longer renew its lease on the call (it lost the
   * database): another server may already have closed the call and retried the contact.
   */
  SERVER_LOST,
  /**
   * The integrator ended the call ({@code POST /api/v1/calls/{call_id}/end}): the server holding
   * the call hung it up. The disposition stays what the call had come to (the conversation's
   * verdict, {@code voicemail}, or {@code no_answer} before anyone answered).
   */
  ENDED_BY_REQUEST,
  /**
   * The callee was handed to a human by a cold transfer (SIP REFER accepted): the call left
   * Outdial. A warm transfer's call ends with whoever hangs up ({@code remote_hang_up}).
   */
  TRANSFERRED;

  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name; unknown values raise a {@code ValidationException}. */
  public static EndReason fromWire(String value) {
    return WireNames.parse(values(), EndReason::wireName, "end_reason", value);
  }
}
