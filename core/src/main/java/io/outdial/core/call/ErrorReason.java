package io.outdial.core.call;

import io.outdial.core.WireNames;

/**
 * Why a call attempt failed or timed out: the audit record's {@code error_reason}. Carriers report
 * the first five; the dialer adds the rest.
 */
public enum ErrorReason {
  /** The number does not exist or cannot be routed. */
  INVALID_NUMBER,
  /** The far end or the carrier refused the call. */
  REJECTED,
  /** The network did not carry the signalling. */
  NETWORK,
  /** The carrier answered with a server error or broke its own protocol. */
  PROVIDER_ERROR,
  /** The call was up but its audio could not be sent or received. */
  MEDIA,
  /** Nothing came back from the carrier before the ring timeout. */
  NO_RESPONSE,
  /** The voice agent could not produce a reply. */
  AGENT_ERROR,
  /** Placing the call failed inside the dialer before the carrier had it. */
  DIAL_ERROR,
  /** The server dialing the call died or lost its lease; another server closed the call. */
  SERVER_LOST,
  /** The call stayed open longer than any call can last and was closed by any server. */
  STALE;

  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name; unknown values raise a {@code ValidationException}. */
  public static ErrorReason fromWire(String value) {
    return WireNames.parse(values(), ErrorReason::wireName, "error_reason", value);
  }

  /**
   * Whether the dialer itself cut the attempt short (the callee had no part in it): the attempt is
   * retried like a retryable outcome, within the policy's attempts.
   */
  public boolean isDialerFault() {
    return this == SERVER_LOST || this == STALE || this == DIAL_ERROR;
  }
}
