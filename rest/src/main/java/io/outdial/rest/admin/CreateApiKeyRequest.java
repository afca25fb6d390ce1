package io.outdial.rest.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /admin/api-keys}. */
@Schema(name = "CreateApiKeyRequest")
public record CreateApiKeyRequest(
    @JsonProperty("client_id")
        @Schema(
            required = true,
            description = "Client to associate the key with",
            examples = "acme-staffing")
        String clientId,
    @Schema(
            required = true,
            description = "Human-readable key name",
            examples = "Production API Key")
        String name,
    @Schema(required = true, description = "Permission scopes: \"campaigns\", \"audit\"")
        List<String> scopes) {}
