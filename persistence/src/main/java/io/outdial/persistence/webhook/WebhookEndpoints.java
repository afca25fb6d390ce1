package io.outdial.persistence.webhook;

import io.outdial.core.id.ClientId;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.SigningSecret;
import io.outdial.persistence.campaign.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Each client's webhook endpoints. Every method sees only the client's own endpoints (another
 * client's is not found), and none sees a deleted one.
 */
public interface WebhookEndpoints {
  /**
   * Stores a new endpoint, unverified, unless its client already has {@code max} endpoints (deleted
   * ones aside). Concurrent creates for one client are counted one after the other, so the limit
   * holds under any race.
   *
   * @return the endpoint, or empty when the client is at the limit
   */
  Optional<WebhookEndpoint> create(NewEndpoint endpoint, int max, Instant now);

  /** The client's endpoints, oldest first. */
  Page<WebhookEndpoint> list(ClientId client, int limit, int offset);

  Optional<WebhookEndpoint> find(ClientId client, WebhookId id);

  /** Applies a change; a new URL puts the endpoint back to verification. */
  Optional<WebhookEndpoint> update(
      ClientId client, WebhookId id, EndpointChange change, Instant now);

  /** Deletes the endpoint; its undelivered deliveries are cancelled. */
  boolean delete(ClientId client, WebhookId id, Instant now);

  /**
   * Signs with {@code next} from now on; the current secret keeps signing beside it for {@code
   * overlap}.
   */
  Optional<WebhookEndpoint> rotate(
      ClientId client, WebhookId id, SigningSecret next, Instant now, Duration overlap);

  /**
   * Enables a disabled endpoint (active again if it was ever verified, else verified first); its
   * held deliveries are due at once. The challenge of an unverified endpoint is due at once.
   */
  Optional<WebhookEndpoint> enable(ClientId client, WebhookId id, Instant now);

  /** Disables the endpoint on its owner's request: its deliveries wait. */
  Optional<WebhookEndpoint> disable(ClientId client, WebhookId id, Instant now);
}
