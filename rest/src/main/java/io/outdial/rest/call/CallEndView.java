package io.outdial.rest.call;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code POST /api/v1/calls/{call_id}/end}. */
@Schema(name = "CallEnd")
public record CallEndView(
    @JsonProperty("call_id") String callId,
    @Schema(
            description =
                "ending: the server holding the call hangs it up within a refresh (500 ms by"
                    + " default); the audit record then shows end_reason ended_by_request",
            enumeration = {"ending"})
        String status,
    @JsonProperty("end_requested_at")
        @Schema(description = "When the end was first asked for (a repeated request keeps it)")
        Instant endRequestedAt) {}
