package io.outdial.dialer.spi;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.core.transfer.TargetAddress;
import java.util.Objects;

/**
 * A second leg of a call in flight: Outdial calls a human to hand the callee to (a warm transfer).
 *
 * @param callId the call the leg belongs to, echoed by the provider in its logs
 * @param callerId presented to the human (the campaign's caller ID)
 * @param to the human's SIP URI or phone number
 */
public record LegRequest(CallId callId, PhoneNumber callerId, TargetAddress to) {
  public LegRequest {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(callerId, "callerId");
    Objects.requireNonNull(to, "to");
  }
}
