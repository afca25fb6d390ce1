package io.outdial.persistence.webhook;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.DisabledReason;
import io.outdial.core.webhook.EndpointStatus;
import io.outdial.core.webhook.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An endpoint as its owner sees it (never its secret: that is answered once, when made).
 *
 * @param previousSecretUntil while a rotated-out secret still signs, until when
 * @param lastError why the last verification or delivery failed, when one did
 * @param failingSince since when every delivery failed, while they do
 */
public record WebhookEndpoint(
    WebhookId id,
    ClientId client,
    String url,
    Optional<String> description,
    List<EventType> eventTypes,
    EndpointStatus status,
    Optional<DisabledReason> disabledReason,
    Optional<String> lastError,
    Optional<Instant> verifiedAt,
    Optional<Instant> failingSince,
    Optional<Instant> previousSecretUntil,
    Instant createdAt,
    Instant updatedAt) {
  public WebhookEndpoint {
    eventTypes = List.copyOf(eventTypes);
  }
}
