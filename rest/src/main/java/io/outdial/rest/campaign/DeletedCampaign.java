package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code DELETE /api/v1/campaigns/{id}}. */
@Schema(name = "DeletedCampaign")
public record DeletedCampaign(boolean deleted, @JsonProperty("campaign_id") String campaignId) {}
