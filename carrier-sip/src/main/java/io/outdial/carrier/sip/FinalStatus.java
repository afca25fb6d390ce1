package io.outdial.carrier.sip;

import io.outdial.carrier.sip.SipCallEnd.Reason;

/** Maps a final non-2xx response to an INVITE onto how the leg ended. */
final class FinalStatus {
  private FinalStatus() {}

  /**
   * 486/600 busy; 408/480 no answer; 404/484/604 invalid number; 488/606 codec rejected; every
   * other 3xx-6xx failed. The status and phrase are kept for the call record.
   */
  static SipCallEnd of(int status, String phrase) {
    Reason reason =
        switch (status) {
          case 486, 600 -> Reason.BUSY;
          case 408, 480 -> Reason.NO_ANSWER;
          case 404, 484, 604 -> Reason.INVALID_NUMBER;
          case 488, 606 -> Reason.CODEC_REJECTED;
          default -> Reason.FAILED;
        };
    String detail = phrase == null || phrase.isBlank() ? "SIP " + status : phrase.strip();
    return new SipCallEnd(reason, status, detail);
  }
}
