package io.outdial.rest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.persistence.webhook.DeliveryRecord;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One delivery of an event to an endpoint. */
@Schema(name = "WebhookDelivery")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryView(
    @JsonProperty("delivery_id") String deliveryId,
    @JsonProperty("event_id") @Schema(description = "the webhook-id header") String eventId,
    @JsonProperty("event_type") String eventType,
    @Schema(description = "pending, succeeded, failed (every attempt failed), cancelled")
        String status,
    int attempts,
    @JsonProperty("last_status_code") Integer lastStatusCode,
    @JsonProperty("last_latency_ms") Integer lastLatencyMs,
    @JsonProperty("last_error") String lastError,
    @JsonProperty("last_attempt_at") Instant lastAttemptAt,
    @JsonProperty("next_attempt_at") Instant nextAttemptAt,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("delivered_at") Instant deliveredAt) {

  static DeliveryView from(DeliveryRecord d) {
    return new DeliveryView(
        d.id(),
        d.eventId(),
        d.eventType(),
        d.status().wireName(),
        d.attempts(),
        d.lastStatusCode().isPresent() ? d.lastStatusCode().getAsInt() : null,
        d.lastLatencyMs().isPresent() ? d.lastLatencyMs().getAsInt() : null,
        d.lastError().orElse(null),
        d.lastAttemptAt().orElse(null),
        d.nextAttemptAt().orElse(null),
        d.createdAt(),
        d.deliveredAt().orElse(null));
  }
}
