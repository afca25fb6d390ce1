package io.outdial.persistence.webhook;

import io.outdial.core.webhook.DeliveryStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** One delivery as the delivery log shows it. */
public record DeliveryRecord(
    String id,
    String eventId,
    String eventType,
    DeliveryStatus status,
    int attempts,
    OptionalInt lastStatusCode,
    OptionalInt lastLatencyMs,
    Optional<String> lastError,
    Optional<Instant> lastAttemptAt,
    Optional<Instant> nextAttemptAt,
    Instant createdAt,
    Optional<Instant> deliveredAt) {}
