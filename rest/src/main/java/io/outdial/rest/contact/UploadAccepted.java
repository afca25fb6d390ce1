package io.outdial.rest.contact;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer 202 of a file upload that is still running. */
@Schema(name = "UploadAccepted")
public record UploadAccepted(
    @JsonProperty("job_id") String jobId, @Schema(examples = "running") String status) {}
