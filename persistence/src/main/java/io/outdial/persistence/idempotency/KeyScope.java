package io.outdial.persistence.idempotency;

import java.util.Objects;

/**
 * Where an idempotency key counts: the client that sent it, the request's method and path ({@code
 * POST /api/v1/campaigns}), and the key itself. The same key of another client or on another
 * endpoint is another key.
 */
public record KeyScope(String clientId, String endpoint, String key) {
  public KeyScope {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(key, "key");
  }
}
