package io.outdial.persistence.webhook;

import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.AttemptVerdict;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one attempt of a delivery came to.
 *
 * @param status the endpoint's HTTP status, when it answered
 * @param error why it failed, for people (no secret in it)
 * @param retryAt for a failed attempt, when to try again; empty when the schedule is spent
 */
public record AttemptRecord(
    long seq,
    WebhookId endpoint,
    AttemptVerdict verdict,
    OptionalInt status,
    int latencyMs,
    Optional<String> error,
    Optional<Instant> retryAt) {}
