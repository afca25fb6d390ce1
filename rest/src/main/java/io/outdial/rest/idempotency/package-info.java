/**
 * {@code Idempotency-Key} on create endpoints: a retried create (a lost answer, a timeout, a double
 * click) gets the first request's answer again instead of a second campaign, job or webhook. A
 * resource method opts in with {@link io.outdial.rest.idempotency.Idempotent}, a JAX-RS name
 * binding; {@link io.outdial.rest.idempotency.IdempotencyFilter} reads the body once ahead of the
 * resource to fingerprint it (multipart by its parts, so a new boundary is no new request),
 * reserves the key for the client, method and path in PostgreSQL (exactly one of concurrent
 * duplicates wins), stores the answer below 500 and replays it, byte for byte, for 24 hours; a 5xx
 * frees the key. {@link io.outdial.rest.idempotency.IdempotentOperations} finds the marked
 * operations for the OpenAPI document, and {@link io.outdial.rest.idempotency.IdempotencyPurge}
 * deletes expired keys.
 */
package io.outdial.rest.idempotency;
