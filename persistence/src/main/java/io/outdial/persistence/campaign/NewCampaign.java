package io.outdial.persistence.campaign;

import io.outdial.core.calling.CallingRules;
import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.sms.SmsFollowUp;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign to store, already validated.
 *
 * @param scheduledStart when it starts; absent, or not after {@code createdAt}, for at once
 * @param retry its own retry policy ({@link CampaignRetry#SERVER} for the server's)
 * @param agentId the client's agent the campaign calls with; the texts and voice are then a copy of
 *     the agent's at creation (the dialer reads the agent's current ones)
 * @param calling its own calling rules ({@link CallingRules#SERVER} for the server's hours and no
 *     frequency cap)
 * @param smsFollowUp the text message sent after calls with given dispositions, if any
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
    CampaignRetry retry,
    Optional<AgentId> agentId,
    CallingRules calling,
    Optional<SmsFollowUp> smsFollowUp) {
  public NewCampaign {
    Objects.requireNonNull(calling, "calling");
    Objects.requireNonNull(smsFollowUp, "smsFollowUp");
    Objects.requireNonNull(scheduledStart, "scheduledStart");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(agentId, "agentId");
  }
}
