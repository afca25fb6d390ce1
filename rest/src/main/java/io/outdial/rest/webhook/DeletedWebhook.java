package io.outdial.rest.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code DELETE /api/v1/webhooks/{webhook_id}}. */
@Schema(name = "DeletedWebhook")
public record DeletedWebhook(boolean deleted, @JsonProperty("webhook_id") String webhookId) {}
