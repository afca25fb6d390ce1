package io.outdial.core.sms;

import io.outdial.core.WireNames;

/** Where a text message is: waiting to be sent, or done one way or another. */
public enum SmsStatus {
  /** Stored, waiting for the sender (and for the recipient's calling hours). */
  QUEUED,
  /** The carrier took it. */
  SENT,
  /** The carrier refused it, or kept failing until the sender gave up. */
  FAILED,
  /** Not sent by Outdial's own rules: the number was on the do-not-call list at send time. */
  REFUSED;

  public String wireName() {
    return WireNames.of(this);
  }

  public static SmsStatus fromWire(String value) {
    return WireNames.parse(values(), SmsStatus::wireName, "status", value);
  }
}
