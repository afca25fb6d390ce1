package io.outdial.persistence.campaign;

import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import java.time.Instant;
import java.util.Optional;

/**
 * A campaign to store, already validated.
 *
 * @param scheduledStart when it starts; absent, or not after {@code createdAt}, for at once
 * @param retry its own retry policy ({@link CampaignRetry#SERVER} for the server's)
 */
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
    Instant createdAt,
    Optional<Instant> scheduledStart,
    CampaignRetry retry) {
  public NewCampaign {
    java.util.Objects.requireNonNull(scheduledStart, "scheduledStart");
    java.util.Objects.requireNonNull(retry, "retry");
  }
}
