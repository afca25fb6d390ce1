package io.outdial.rest.call;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code POST /api/v1/calls/{call_id}/metadata}: the call's metadata as now stored. */
@Schema(name = "CallMetadata")
public record CallMetadataView(
    @JsonProperty("call_id") String callId,
    @Schema(
            description = "The call's metadata after this write",
            type = SchemaType.OBJECT,
            examples = "{\"outcome\": \"booked\", \"crm\": {\"lead_id\": \"L-17\"}}")
        JsonNode metadata,
    @JsonProperty("metadata_updated_at") Instant metadataUpdatedAt) {}
