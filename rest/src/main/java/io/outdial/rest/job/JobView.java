package io.outdial.rest.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/jobs/{job_id}}. */
@Schema(name = "Job")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobView(
    @JsonProperty("job_id") String jobId,
    @Schema(examples = "contact_upload") String type,
    @Schema(description = "running, completed or failed") String status,
    @Schema(minimum = "0", maximum = "100") int progress,
    @JsonProperty("campaign_id") String campaignId,
    @Schema(description = "counts and the first row errors, once the job ended") JsonNode result,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("completed_at") Instant completedAt) {}
