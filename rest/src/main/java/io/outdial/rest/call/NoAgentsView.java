package io.outdial.rest.call;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The 503 of {@code POST /api/v1/calls/{call_id}/transfer} when nobody is free: the standard error
 * shape, and the callback task recorded instead.
 */
@Schema(name = "NoAgentsAvailable")
public record NoAgentsView(
    @Schema(examples = "No agents available in target queue") String detail,
    @JsonProperty("callback_id")
        @Schema(description = "The callback task recorded (also sent as call.transfer_failed)")
        String callbackId,
    @JsonProperty("recorded_at") Instant recordedAt) {}
