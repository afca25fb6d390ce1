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
    java.util.Objects.requireNonNull(calling, "calling");
    java.util.Objects.requireNonNull(smsFollowUp, "smsFollowUp");
    java.util.Objects.requireNonNull(scheduledStart, "scheduledStart");
    java.util.Objects.requireNonNull(retry, "retry");
    java.util.Objects.requireNonNull(agentId, "agentId");
  }

  /** A campaign without a follow-up message. */
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
      Instant createdAt,
      Optional<Instant> scheduledStart,
      CampaignRetry retry,
      Optional<AgentId> agentId,
      CallingRules calling) {
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
        scheduledStart,
        retry,
        agentId,
        calling,
        Optional.empty());
  }

  /** A campaign on the server's calling hours, without a frequency cap. */
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
      Instant createdAt,
      Optional<Instant> scheduledStart,
      CampaignRetry retry,
      Optional<AgentId> agentId) {
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
        scheduledStart,
        retry,
        agentId,
        CallingRules.SERVER);
  }

  /** A campaign without an agent. */
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
      Instant createdAt,
      Optional<Instant> scheduledStart,
      CampaignRetry retry) {
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
        scheduledStart,
        retry,
        Optional.empty(),
        CallingRules.SERVER);
  }

  /** A campaign with texts of its own, no agent, starting at once, on the server's retry policy. */
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
        Optional.empty(),
        CampaignRetry.SERVER,
        Optional.empty(),
        CallingRules.SERVER);
  }
}
