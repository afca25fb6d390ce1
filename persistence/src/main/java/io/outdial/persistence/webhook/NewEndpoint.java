package io.outdial.persistence.webhook;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.EventType;
import io.outdial.core.webhook.SigningSecret;
import java.util.List;
import java.util.Optional;

/** An endpoint to make: it starts unverified, its first challenge due at once. */
public record NewEndpoint(
    WebhookId id,
    ClientId client,
    String url,
    Optional<String> description,
    List<EventType> eventTypes,
    SigningSecret secret) {
  public NewEndpoint {
    eventTypes = List.copyOf(eventTypes);
  }
}
