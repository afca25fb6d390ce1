package io.outdial.persistence.analysis;

import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.util.Optional;

/**
 * A call whose analysis this server claimed.
 *
 * @param transcriptJson the call's turns, a JSON array of {@code {role, content}}
 * @param plan the plan of the campaign's agent as it is now; empty when the agent is gone
 * @param llm the agent's model and temperature, over the server's
 * @param systemPrompt the agent's prompt (what the call was about), empty when the agent is gone
 */
public record AnalysisTask(
    CallId callId,
    ClientId clientId,
    CampaignId campaignId,
    Optional<String> disposition,
    Optional<String> firstName,
    String transcriptJson,
    Optional<AnalysisPlan> plan,
    LlmOptions llm,
    Optional<String> systemPrompt) {}
