package io.outdial.media.rtp;

/**
 * Counters of one session or of a whole engine (every session it ever had). Outgoing frames are due
 * every 20 ms from the start of sending; a benchmark reads how well the pacing kept up.
 *
 * @param framesSent RTP packets sent (voice, silence or DTMF)
 * @param framesLate of those, sent more than 20 ms after they were due
 * @param framesSkipped frames due but not sent: more than 100 ms overdue when the pacing thread
 *     caught up (their audio is dropped, so playback keeps to real time), or refused by the socket
 * @param packetsReceived RTP packets accepted from the network, duplicates and late ones included
 * @param packetsLost sequence numbers played out as silence because their packet never came in time
 * @param packetsLate packets that arrived after their turn to play (dropped)
 * @param packetsDuplicate packets received twice (dropped)
 * @param packetsRejected datagrams on the RTP port that were not usable RTP (malformed, an unknown
 *     payload type)
 * @param framesDelivered 20 ms frames handed to the session's listener
 */
public record MediaStats(
    long framesSent,
    long framesLate,
    long framesSkipped,
    long packetsReceived,
    long packetsLost,
    long packetsLate,
    long packetsDuplicate,
    long packetsRejected,
    long framesDelivered) {

  /** All zero. */
  public static final MediaStats ZERO = new MediaStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The sum of both. */
  public MediaStats plus(MediaStats other) {
    return new MediaStats(
        framesSent + other.framesSent,
        framesLate + other.framesLate,
        framesSkipped + other.framesSkipped,
        packetsReceived + other.packetsReceived,
        packetsLost + other.packetsLost,
        packetsLate + other.packetsLate,
        packetsDuplicate + other.packetsDuplicate,
        packetsRejected + other.packetsRejected,
        framesDelivered + other.framesDelivered);
  }
}
