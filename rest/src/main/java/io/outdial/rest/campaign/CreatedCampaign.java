package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code POST /api/v1/campaigns}. */
@Schema(name = "CreatedCampaign")
public record CreatedCampaign(
    @JsonProperty("campaign_id") String campaignId,
    @Schema(examples = "queued") String status,
    @JsonProperty("contacts_enqueued") long contactsEnqueued,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("duplicates_skipped")
        @Schema(description = "contacts whose phone repeated another")
        long duplicatesSkipped,
    @JsonProperty("invalid_skipped")
        @Schema(description = "contacts whose phone was not a phone number")
        long invalidSkipped) {}
