package io.outdial.rest.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code DELETE /api/v1/transfer-targets/{target_id}}. */
@Schema(name = "DeletedTransferTarget")
public record DeletedTransferTarget(boolean deleted, @JsonProperty("target_id") String targetId) {}
