package io.outdial.persistence.campaign;

import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.time.Instant;
import java.util.Optional;

/**
 * A campaign to store, already validated.
 *
 * @param agentId the client's agent the campaign calls with; the texts and voice are then a copy of
 *     the agent's at creation (the dialer reads the agent's current ones)
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
    Optional<AgentId> agentId) {
  /** A campaign with texts of its own, no agent. */
  public NewCampaign(
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
      Instant createdAt) {
    this(
        id,
        clientId,
        name,
        voice,
        systemPrompt,
        callerId,
        maxConcurrent,
        priority,
        greetingText,
        voicemailText,
        createdAt,
        Optional.empty());
  }
}
