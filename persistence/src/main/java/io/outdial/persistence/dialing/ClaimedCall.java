package io.outdial.persistence.dialing;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.time.Instant;
import java.util.Map;

/**
 * A call the claiming server must now place: its call record exists (no disposition yet), the
 * contact is {@code dialing} and counts in the campaign's {@code in_flight}.
 *
 * @param contact the contact's non-empty fields and extra columns by name ({@code first_name},
 *     ...), for the agent's prompt
 * @param attempt this attempt's number, from 1
 */
public record ClaimedCall(
    CallId callId,
    CampaignId campaignId,
    ClientId clientId,
    long contactId,
    PhoneNumber phone,
    Map<String, String> contact,
    int attempt,
    Instant startedAt) {}
