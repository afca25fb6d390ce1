package io.outdial.rest.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code DELETE /admin/api-keys}. */
@Schema(name = "RevokeApiKeyRequest")
public record RevokeApiKeyRequest(
    @JsonProperty("key_hash")
        @Schema(
            required = true,
            description = "SHA-256 hash of the key to revoke",
            examples = "sha256:a1b2c3...")
        String keyHash) {}
