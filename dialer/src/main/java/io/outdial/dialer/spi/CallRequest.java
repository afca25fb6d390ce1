package io.outdial.dialer.spi;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import java.util.Objects;

/**
 * One call to place.
 *
 * @param callId the dialer's identifier of the attempt, echoed by the provider in its logs
 * @param callerId the campaign's caller ID, presented to the callee (SIP From /
 *     P-Asserted-Identity)
 * @param to the contact's number
 */
public record CallRequest(CallId callId, PhoneNumber callerId, PhoneNumber to) {
  public CallRequest {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(callerId, "callerId");
    Objects.requireNonNull(to, "to");
  }
}
