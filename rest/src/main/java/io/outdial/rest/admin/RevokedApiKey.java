package io.outdial.rest.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code DELETE /admin/api-keys}. */
@Schema(name = "RevokedApiKey")
public record RevokedApiKey(
    @Schema(examples = "revoked") String status, @JsonProperty("key_hash") String keyHash) {}
