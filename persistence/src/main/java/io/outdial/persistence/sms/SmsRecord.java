package io.outdial.persistence.sms;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import io.outdial.core.sms.SmsStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored text message.
 *
 * @param campaignId the campaign it belongs to, if any
 * @param contactId the contact it was sent to, if known
 * @param callId the call it follows up, for a campaign's follow-up
 * @param providerMessageId the carrier's id, once sent
 * @param error why it failed or was refused, or the last failure of a queued one
 * @param attempts how often a sender took it
 */
public record SmsRecord(
    String id,
    ClientId client,
    Optional<String> campaignId,
    Optional<Long> contactId,
    Optional<String> callId,
    PhoneNumber to,
    PhoneNumber from,
    String text,
    SmsStatus status,
    Optional<String> providerMessageId,
    Optional<String> error,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> sentAt) {}
