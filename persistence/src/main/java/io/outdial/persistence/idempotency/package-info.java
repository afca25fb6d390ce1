/**
 * Idempotency keys of create requests ({@code idempotency_key}): the port {@link
 * io.outdial.persistence.idempotency.IdempotencyKeys} and its JDBC implementation. A key is scoped
 * by client, method and path; the first request reserves it with {@code insert ... on conflict do
 * nothing}, so that of concurrent duplicates exactly one runs, and its answer is stored for the
 * others. Every outcome a client caused (a replay, a key still running, a key reused for another
 * request) is answered as a {@link io.outdial.persistence.idempotency.Begin}, never thrown.
 */
package io.outdial.persistence.idempotency;
