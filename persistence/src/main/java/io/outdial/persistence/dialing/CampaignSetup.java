package io.outdial.persistence.dialing;

import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.util.Optional;

/** What the dialer needs to call for a campaign: who calls, and what the agent says. */
public record CampaignSetup(
    CampaignId id,
    ClientId clientId,
    PhoneNumber callerId,
    String systemPrompt,
    Optional<String> greetingText,
    Optional<String> voicemailText,
    Voice voice) {}
