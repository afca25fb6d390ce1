package io.outdial.persistence.dialing;

import io.outdial.core.calling.CallingRules;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import java.util.Optional;

/**
 * What the dialer needs to call for a campaign: who calls, what the agent says, its own retry
 * policy ({@link CampaignRetry#SERVER} when it has none) and calling rules ({@link
 * CallingRules#SERVER} when it has none; the claim reads them itself, the dialer uses them for the
 * retry times). For a campaign with an agent the texts and voice are the agent's as they are now.
 *
 * @param agentRevision the revision of the campaign's agent these texts are from; 0 for a campaign
 *     with texts of its own. The dialer reads the setup again when {@link
 *     DialableCampaign#agentRevision()} differs.
 */
public record CampaignSetup(
    CampaignId id,
    ClientId clientId,
    PhoneNumber callerId,
    String systemPrompt,
    Optional<String> greetingText,
    Optional<String> voicemailText,
    Voice voice,
    long agentRevision,
    CampaignRetry retry,
    CallingRules calling) {
  public CampaignSetup {
    java.util.Objects.requireNonNull(retry, "retry");
    java.util.Objects.requireNonNull(calling, "calling");
  }

  /** The setup of a campaign on the server's calling hours, without a frequency cap. */
  public CampaignSetup(
      CampaignId id,
      ClientId clientId,
      PhoneNumber callerId,
      String systemPrompt,
      Optional<String> greetingText,
      Optional<String> voicemailText,
      Voice voice,
      long agentRevision,
      CampaignRetry retry) {
    this(
        id,
        clientId,
        callerId,
        systemPrompt,
        greetingText,
        voicemailText,
        voice,
        agentRevision,
        retry,
        CallingRules.SERVER);
  }

  /** The setup of a campaign with texts of its own. */
  public CampaignSetup(
      CampaignId id,
      ClientId clientId,
      PhoneNumber callerId,
      String systemPrompt,
      Optional<String> greetingText,
      Optional<String> voicemailText,
      Voice voice,
      CampaignRetry retry) {
    this(id, clientId, callerId, systemPrompt, greetingText, voicemailText, voice, 0, retry);
  }

  /** The setup of a campaign with texts of its own and the server's retry policy. */
  public CampaignSetup(
      CampaignId id,
      ClientId clientId,
      PhoneNumber callerId,
      String systemPrompt,
      Optional<String> greetingText,
      Optional<String> voicemailText,
      Voice voice) {
    this(
        id,
        clientId,
        callerId,
        systemPrompt,
        greetingText,
        voicemailText,
        voice,
        CampaignRetry.SERVER);
  }
}
