package io.outdial.persistence.webhook;

import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.SigningSecret;
import java.util.List;

/** An endpoint whose ownership challenge is due: where to send it and how to sign it. */
public record VerificationTarget(
    WebhookId endpoint, String url, List<SigningSecret> secrets, int attemptsMade) {
  public VerificationTarget {
    secrets = List.copyOf(secrets);
  }
}
