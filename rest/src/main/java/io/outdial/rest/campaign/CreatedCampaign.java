package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code POST /api/v1/campaigns}. */
@Schema(name = "CreatedCampaign")
public record CreatedCampaign(
    @JsonProperty("campaign_id") String campaignId,
    @Schema(
            examples = "queued",
            description = "queued (dials at once), or scheduled when scheduled_start is later")
        String status,
    @JsonProperty("contacts_enqueued") long contactsEnqueued,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("duplicates_skipped")
        @Schema(description = "contacts whose phone repeated another")
        long duplicatesSkipped,
    @JsonProperty("invalid_skipped")
        @Schema(description = "contacts whose phone was not a phone number")
        long invalidSkipped,
    @JsonProperty("scheduled_start")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The start time asked for; absent when none was", nullable = true)
        Instant scheduledStart) {}
