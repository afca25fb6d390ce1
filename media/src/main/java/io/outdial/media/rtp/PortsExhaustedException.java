package io.outdial.media.rtp;

import java.io.IOException;

/**
 * No RTP/RTCP port pair is free in the configured range: every pair is held by a call of this
 * engine or bound by another process. A capacity problem, not a fault of the call: the caller
 * should fail the call attempt (or not place it) rather than retry at once.
 */
public final class PortsExhaustedException extends IOException {
  private static final long serialVersionUID = 1L;

  PortsExhaustedException(String message, Throwable lastBindFailure) {
    super(message, lastBindFailure);
  }
}
