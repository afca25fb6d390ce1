package io.outdial.rest.dnc;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer 202 of a do-not-call upload: its job, to follow at {@code /api/v1/jobs/{job_id}}. */
@Schema(name = "DoNotCallUploadAccepted")
public record DncUploadAccepted(
    @JsonProperty("job_id") String jobId,
    @Schema(
            description =
                "running, or completed (or failed) when the job ended before the answer; the job"
                    + " shows the counts",
            examples = "running")
        String status) {}
