package io.outdial.persistence.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Idempotency keys and the answers stored under them. Each method is a transaction of its own,
 * committed when it returns, so that a reservation is seen at once by every server.
 */
public interface IdempotencyKeys {
  /**
   * Reserves {@code scope} for a request with {@code fingerprint}, or says why not. Of any number
   * of concurrent calls for one free key, exactly one is answered {@link Begin.Reserved}.
   *
   * @param lifetime how long the key counts from now (its row is then free again)
   * @param takeoverAfter how long a reservation may stay unfinished before another request with the
   *     same fingerprint takes it over (its server is presumed dead)
   */
  Begin begin(
      KeyScope scope, byte[] fingerprint, Instant now, Duration lifetime, Duration takeoverAfter);

  /**
   * Stores the answer of the reservation {@code token}.
   *
   * @return false when the reservation is no longer this one's (it was taken over, or purged)
   */
  boolean complete(KeyScope scope, UUID token, StoredResponse response, Instant now);

  /** Drops the reservation {@code token} unfinished, so that a retry with the key runs. */
  void release(KeyScope scope, UUID token);

  /**
   * Deletes up to {@code limit} keys that expired before {@code now}.
   *
   * @return how many were deleted
   */
  int purge(Instant now, int limit);
}
