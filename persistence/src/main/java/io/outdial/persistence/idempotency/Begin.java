package io.outdial.persistence.idempotency;

import java.time.Instant;
import java.util.UUID;

/** What a request carrying an idempotency key may do ({@link IdempotencyKeys#begin}). */
public sealed interface Begin {
  /**
   * The key is this request's: run it, then {@link IdempotencyKeys#complete} or {@link
   * IdempotencyKeys#release} the reservation under {@code token}.
   *
   * @param tookOver whether a reservation left unfinished for longer than the takeover time (its
   *     server died mid-request) was taken over
   */
  record Reserved(UUID token, boolean tookOver) implements Begin {}

  /** The key's request ended already with this answer, for the same request: answer it again. */
  record Replay(StoredResponse response) implements Begin {}

  /** The key's request, for the same request, is still running (since {@code reservedAt}). */
  record InProgress(Instant reservedAt) implements Begin {}

  /** The key was used for a different request (another body) within its lifetime. */
  record Mismatch() implements Begin {}
}
