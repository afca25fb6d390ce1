package io.outdial.persistence.dialing;

import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;

/**
 * A campaign that may dial now ({@code queued} or {@code active}) and its load across all servers.
 *
 * @param inFlight calls in flight on every server
 * @param pendingDue due contacts, counted up to the probe limit the caller gave
 * @param agentRevision the current revision of the campaign's agent, 0 without one (see {@link
 *     CampaignSetup#agentRevision()})
 */
public record DialableCampaign(
    CampaignId id,
    ClientId clientId,
    Priority priority,
    MaxConcurrent maxConcurrent,
    int inFlight,
    long pendingDue,
    long agentRevision) {
  /** A campaign without an agent. */
  public DialableCampaign(
      CampaignId id,
      ClientId clientId,
      Priority priority,
      MaxConcurrent maxConcurrent,
      int inFlight,
      long pendingDue) {
    this(id, clientId, priority, maxConcurrent, inFlight, pendingDue, 0);
  }
}
