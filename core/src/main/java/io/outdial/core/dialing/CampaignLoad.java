package io.outdial.core.dialing;

import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.util.Objects;

/**
 * What the scheduler needs to know about one active campaign.
 *
 * @param campaignId the campaign
 * @param clientId the client it belongs to, for per-client capacity
 * @param priority strictly higher priorities are served first
 * @param maxConcurrent the most calls it may have in flight
 * @param inFlight calls in flight now
 * @param pendingDue contacts that could be dialed now (due, not in flight, inside calling hours)
 */
public record CampaignLoad(
    CampaignId campaignId,
    ClientId clientId,
    Priority priority,
    MaxConcurrent maxConcurrent,
    int inFlight,
    long pendingDue) {
  public CampaignLoad {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(maxConcurrent, "maxConcurrent");
    if (inFlight < 0 || pendingDue < 0) {
      throw new IllegalArgumentException("inFlight and pendingDue must not be negative");
    }
  }
}
