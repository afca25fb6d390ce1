package io.outdial.rest.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of a secret rotation: the new secret, answered this once. */
@Schema(name = "RotatedWebhookSecret")
public record RotatedSecret(
    @JsonProperty("webhook_id") String webhookId,
    String secret,
    @JsonProperty("previous_secret_expires_at")
        @Schema(description = "until when the previous secret signs beside the new one")
        Instant previousSecretExpiresAt) {}
