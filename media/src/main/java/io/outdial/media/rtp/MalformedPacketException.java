package io.outdial.media.rtp;

/**
 * A received datagram is not an RTP packet we can use; the message names what is wrong. Checked, so
 * that the receive loop has to decide what a bad packet costs (it counts and drops it).
 */
final class MalformedPacketException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedPacketException(String reason) {
    super(reason, null, false, false); // no stack trace: malformed input is not a program error
  }
}
