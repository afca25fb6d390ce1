package io.outdial.rest.transfer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH} and {@code PUT /api/v1/transfer-targets/{target_id}/status}. */
@Schema(name = "TransferTargetStatusRequest")
public record StatusRequest(
    @Schema(
            required = true,
            enumeration = {"available", "busy", "offline"})
        String status) {}
