package io.outdial.persistence.sms;

import io.outdial.core.calling.CallingRules;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;

/**
 * A queued message a sender has claimed, with what the sender checks before sending it.
 *
 * @param attempts how often it has been claimed, this claim included
 * @param calling the calling rules of its campaign ({@link CallingRules#SERVER} without one)
 * @param onDoNotCall whether the number is on the client's do-not-call list now
 */
public record ClaimedSms(
    String id,
    ClientId client,
    PhoneNumber to,
    PhoneNumber from,
    String text,
    int attempts,
    CallingRules calling,
    boolean onDoNotCall) {}
