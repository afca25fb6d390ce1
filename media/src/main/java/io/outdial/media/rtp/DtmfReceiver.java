package io.outdial.media.rtp;

/**
 * Turns received telephone-event packets into digits, one per event. An event is sent as many
 * packets with one RTP timestamp (growing duration, then the end packet three times), so the first
 * packet seen with a new timestamp reports the digit and the rest are ignored. Reporting on the
 * first packet seen, not on the start packet (marker bit), keeps a digit whose start packet was
 * lost. A few recent timestamps are remembered so that a stray packet of an earlier event,
 * reordered behind the next one, is not reported twice. Not thread-safe: one session's receive path
 * owns it.
 */
final class DtmfReceiver {
  private static final int REMEMBERED = 8;

  private final long[] recent = new long[REMEMBERED];
  private int size;
  private int next;

  /**
   * The digit that {@code payload}, sent with RTP {@code timestamp}, starts; {@code 0} when the
   * packet belongs to an event already reported, is not a DTMF digit, or is too short.
   */
  char accept(long timestamp, byte[] payload) {
    TelephoneEvent event = TelephoneEvent.parse(payload);
    if (event == null || seen(timestamp)) {
      return 0;
    }
    recent[next] = timestamp;
    next = (next + 1) % REMEMBERED;
    size = Math.min(size + 1, REMEMBERED);
    return event.digit();
  }

  /** Forgets every event, when the sender's stream (SSRC) changes. */
  void reset() {
    size = 0;
    next = 0;
  }

  private boolean seen(long timestamp) {
    for (int i = 0; i < size; i++) {
      if (recent[i] == timestamp) {
        return true;
      }
    }
    return false;
  }
}
