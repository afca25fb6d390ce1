package io.outdial.carrier.sip;

/**
 * The signalling events of one outbound SIP leg. They arrive on the SIP stack's threads or the
 * endpoint's scheduler, never while the leg holds a lock that {@link SipCall#hangUp()} takes, so a
 * listener may call {@code hangUp()} from inside an event. Implementations must be thread-safe and
 * return quickly.
 *
 * <p>{@link #onEnded} is reported exactly once and is the last event; {@link #onRinging} is
 * optional (a trunk may go straight to the answer), may repeat for 180 and 183, and may even arrive
 * after {@link #onAnswered}, because the stack handles responses on several threads.
 */
public interface SipCallListener {
  /** The far end is alerting (180 Ringing or 183 Session Progress). */
  void onRinging();

  /** The callee answered (200 OK, already acknowledged); media may flow now. */
  void onAnswered(SdpAnswer answer);

  /** The leg is over; nothing follows. */
  void onEnded(SipCallEnd end);
}
