package io.outdial.persistence.campaign;

import io.outdial.core.id.CampaignId;

/**
 * A campaign was created, got contacts, changed status or was deleted; fired inside the
 * transaction, so observers that act on it use {@code during = AFTER_SUCCESS}.
 */
public record CampaignChanged(CampaignId campaignId) {}
