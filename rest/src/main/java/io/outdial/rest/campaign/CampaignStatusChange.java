package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of pause and resume. */
@Schema(name = "CampaignStatusChange")
public record CampaignStatusChange(
    @JsonProperty("campaign_id") String campaignId, @Schema(examples = "paused") String status) {}
