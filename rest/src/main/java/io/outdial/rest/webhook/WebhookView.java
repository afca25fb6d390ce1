package io.outdial.rest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.webhook.DisabledReason;
import io.outdial.core.webhook.EventType;
import io.outdial.persistence.webhook.WebhookEndpoint;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook endpoint; {@code secret} only in the answer that made it. */
@Schema(name = "Webhook")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookView(
    @JsonProperty("webhook_id") String webhookId,
    String url,
    String description,
    @Schema(description = "event types the endpoint receives") List<String> events,
    @Schema(
            description =
                "pending_verification (ownership challenge not yet answered), active, disabled",
            examples = "active")
        String status,
    @JsonProperty("disabled_reason")
        @Schema(
            description = "gone (answered 410), failing, verification_failed, requested",
            nullable = true)
        String disabledReason,
    @JsonProperty("last_error")
        @Schema(description = "why the last delivery or challenge failed", nullable = true)
        String lastError,
    @JsonProperty("verified_at") Instant verifiedAt,
    @JsonProperty("failing_since") Instant failingSince,
    @JsonProperty("previous_secret_expires_at")
        @Schema(description = "while a rotated-out secret still signs, until when", nullable = true)
        Instant previousSecretExpiresAt,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
            description =
                "the signing secret (whsec_...); answered once, when the endpoint is made")
        String secret) {

  /** The endpoint as it stands at {@code now}. */
  static WebhookView from(Instant now, WebhookEndpoint e) {
    return from(now, e, null);
  }

  static WebhookView from(Instant now, WebhookEndpoint e, String secret) {
    return new WebhookView(
        e.id().value(),
        e.url(),
        e.description().orElse(null),
        e.eventTypes().stream().map(EventType::wireName).toList(),
        e.status().wireName(),
        e.disabledReason().map(DisabledReason::wireName).orElse(null),
        e.lastError().orElse(null),
        e.verifiedAt().orElse(null),
        e.failingSince().orElse(null),
        e.previousSecretUntil().filter(t -> t.isAfter(now)).orElse(null),
        e.createdAt(),
        e.updatedAt(),
        secret);
  }
}
