package io.outdial.persistence.webhook;

/**
 * The answer to a replay request (answered, not thrown: a refusal is an ordinary client error, and
 * an exception leaving a transaction is logged by the server as an incident).
 */
public sealed interface Replay {
  /** A new delivery of the same event is due now. */
  record Queued(DeliveryRecord delivery) implements Replay {}

  /** No such endpoint or delivery for this client. */
  record NotFound() implements Replay {}

  /** The endpoint is disabled or not verified yet: nothing would be sent. */
  record EndpointNotActive(io.outdial.core.webhook.EndpointStatus status) implements Replay {}
}
