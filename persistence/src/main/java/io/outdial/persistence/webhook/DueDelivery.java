package io.outdial.persistence.webhook;

import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.SigningSecret;
import java.util.List;

/**
 * A delivery a sender claimed: what to send, where, signed with which secrets.
 *
 * @param eventId the message id ({@code webhook-id}), the same on every attempt and replay
 * @param attemptsMade attempts before this one
 */
public record DueDelivery(
    long seq,
    String id,
    String eventId,
    WebhookId endpoint,
    String url,
    List<SigningSecret> secrets,
    String body,
    int attemptsMade) {
  public DueDelivery {
    secrets = List.copyOf(secrets);
  }
}
