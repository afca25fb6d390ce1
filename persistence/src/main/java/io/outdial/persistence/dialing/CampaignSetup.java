package io.outdial.persistence.dialing;

import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import java.util.Optional;

/**
 * What the dialer needs to call for a campaign: who calls, what the agent says, and its own retry
 * policy ({@link CampaignRetry#SERVER} when it has none).
 */
public record CampaignSetup(
    CampaignId id,
    ClientId clientId,
    PhoneNumber callerId,
    String systemPrompt,
    Optional<String> greetingText,
    Optional<String> voicemailText,
    Voice voice,
    CampaignRetry retry) {}
