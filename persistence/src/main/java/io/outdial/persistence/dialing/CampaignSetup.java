package io.outdial.persistence.dialing;

import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.calling.CallingRules;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import java.util.Objects;
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
 * @param firstMessage who speaks first once a person answers: the agent's mode, {@link
 *     FirstMessageMode#DEFAULT} for a campaign with texts of its own
 * @param llm the agent's model and temperature, {@link LlmOptions#NONE} without an agent
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
    CallingRules calling,
    FirstMessageMode firstMessage,
    LlmOptions llm) {
  public CampaignSetup {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(calling, "calling");
    Objects.requireNonNull(firstMessage, "firstMessage");
    Objects.requireNonNull(llm, "llm");
  }

  /**
   * The setup of a campaign with texts of its own, on the server's retry policy and calling rules;
   * the {@code with} methods change one part.
   */
  public static CampaignSetup ofTexts(
      CampaignId id,
      ClientId clientId,
      PhoneNumber callerId,
      String systemPrompt,
      Optional<String> greetingText,
      Optional<String> voicemailText,
      Voice voice) {
    return new CampaignSetup(
        id,
        clientId,
        callerId,
        systemPrompt,
        greetingText,
        voicemailText,
        voice,
        0,
        CampaignRetry.SERVER,
        CallingRules.SERVER,
        FirstMessageMode.DEFAULT,
        LlmOptions.NONE);
  }

  /** The same setup on {@code policy}. */
  public CampaignSetup withRetry(CampaignRetry policy) {
    return new CampaignSetup(
        id,
        clientId,
        callerId,
        systemPrompt,
        greetingText,
        voicemailText,
        voice,
        agentRevision,
        policy,
        calling,
        firstMessage,
        llm);
  }

  /**
   * The same setup taken from revision {@code revision} of an agent opening as {@code mode} with
   * the model choice {@code options}.
   */
  public CampaignSetup withAgent(long revision, FirstMessageMode mode, LlmOptions options) {
    return new CampaignSetup(
        id,
        clientId,
        callerId,
        systemPrompt,
        greetingText,
        voicemailText,
        voice,
        revision,
        retry,
        calling,
        mode,
        options);
  }
}
