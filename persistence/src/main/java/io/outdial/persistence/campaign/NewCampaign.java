package io.outdial.persistence.campaign;

import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.time.Instant;
import java.util.Optional;

/** A campaign to store, already validated. */
public record NewCampaign(
    CampaignId id,
    ClientId clientId,
    String name,
    Voice voice,
    String systemPrompt,
    PhoneNumber callerId,
    MaxConcurrent maxConcurrent,
    Priority priority,
    Optional<String> greetingText,
    Optional<String> voicemailText,
    Instant createdAt) {}
