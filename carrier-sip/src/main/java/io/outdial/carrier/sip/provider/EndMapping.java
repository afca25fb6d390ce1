package io.outdial.carrier.sip.provider;

import io.outdial.carrier.sip.SipCallEnd;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallFailure.Reason;
import io.outdial.dialer.spi.CallListener;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a SIP leg's end becomes the dialer's end event. The SIP package already sorted the statuses
 * into {@link SipCallEnd.Reason}s; what is left is splitting {@code FAILED} by its status: no
 * status (our timers, transport errors) is the network's fault, 5xx/6xx are the carrier's, and the
 * 4xx left over (403 Forbidden, 401/407 after a failed authentication, 603 Decline ...) are
 * refusals.
 */
final class EndMapping {
  private EndMapping() {}

  /** The listener event for {@code end}; empty for our own hang-up, after which nothing follows. */
  static Optional<Consumer<CallListener>> event(SipCallEnd end) {
    int status = end.sipStatus();
    return switch (end.reason()) {
      case LOCAL_HANGUP -> Optional.empty();
      case REMOTE_HANGUP -> Optional.of(CallListener::onRemoteHangUp);
      case BUSY -> Optional.of(CallListener::onBusy);
      case NO_ANSWER -> Optional.of(CallListener::onNoAnswer);
      case INVALID_NUMBER -> failed(Reason.INVALID_NUMBER, status, end.detail());
      case CODEC_REJECTED -> failed(Reason.REJECTED, status == 0 ? 488 : status, end.detail());
      case FAILED -> failed(failureReason(status), status, end.detail());
    };
  }

  /** The failure reason of a {@code FAILED} leg with this final status (0: none). */
  static Reason failureReason(int status) {
    if (status == 0) {
      return Reason.NETWORK;
    }
    if (status >= 500 && status != 603) {
      return Reason.PROVIDER_ERROR;
    }
    return Reason.REJECTED;
  }

  private static Optional<Consumer<CallListener>> failed(Reason reason, int status, String detail) {
    CallFailure failure =
        status == 0
            ? CallFailure.of(reason, detail)
            : CallFailure.of(reason, status, "SIP " + status + " " + detail);
    return Optional.of(listener -> listener.onFailed(failure));
  }
}
