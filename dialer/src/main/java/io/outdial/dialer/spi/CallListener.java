package io.outdial.dialer.spi;

import io.outdial.core.call.AnsweredBy;

/**
 * The events of one call, delivered asynchronously by the provider, possibly on different threads
 * and in orders a carrier really produces: a ringing after the answer, a hang-up in the middle of
 * speech, a failure after a hang-up. Implementations must be thread-safe and must return quickly.
 *
 * <p>Providers must not call these methods while holding a lock that their {@link CallHandle}
 * methods also take: the dialer calls the handle from inside its own per-call lock.
 *
 * <p>A call ends with exactly one of {@link #onRemoteHangUp()}, {@link #onNoAnswer()}, {@link
 * #onBusy()} or {@link #onFailed(CallFailure)}, or with the dialer's own {@link
 * CallHandle#hangUp()} (after which nothing more is reported). Listeners must still ignore anything
 * that follows the end.
 */
public interface CallListener {
  /** The far end is alerting (SIP 180/183). Optional: a carrier may go straight to the answer. */
  void onRinging();

  /** The call was answered (SIP 200); {@code answeredBy} is the first machine-detection verdict. */
  void onAnswered(AnsweredBy answeredBy);

  /**
   * Answering-machine detection reached a later verdict than the one given at answer, typically
   * {@link AnsweredBy#MACHINE} after an initial {@link AnsweredBy#UNKNOWN}.
   */
  default void onAnsweredByDetected(AnsweredBy answeredBy) {}

  /** An answering machine's beep: the recording has started. */
  void onMachineBeep();

  /** The callee said something, as text (the simulator's words, or a real carrier's STT). */
  void onUtterance(String text);

  /**
   * The text given to {@link CallHandle#speak} has been played out; {@code interrupted} when it was
   * cut short because the callee started talking (barge-in).
   */
  void onSpeechFinished(boolean interrupted);

  /** The callee pressed a key. */
  default void onDtmf(char digit) {}

  /** The far end hung up (SIP BYE) after the call was answered, or dropped it while ringing. */
  void onRemoteHangUp();

  /** Nobody answered before the carrier gave up (SIP 408/480). */
  void onNoAnswer();

  /** The line was busy (SIP 486/600). */
  void onBusy();

  /** The call could not be placed or broke; the call is over. */
  void onFailed(CallFailure failure);
}
