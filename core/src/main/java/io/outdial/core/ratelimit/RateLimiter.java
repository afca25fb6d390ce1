package io.outdial.core.ratelimit;

/**
 * Decides whether one more request for a key (e.g. an API key) may pass under a policy.
 *
 * <p>Implementations must be thread-safe and must enforce a sliding window: never more than {@code
 * policy.limit()} allowed requests in any interval of length {@code policy.window()}. The in-memory
 * {@link SlidingWindowRateLimiter} serves one server; a shared backend (e.g. PostgreSQL) can
 * implement this interface to hold limits across several servers.
 */
public interface RateLimiter {
  /** Counts the request if allowed; a denied request is not counted. */
  RateLimitDecision tryAcquire(RateLimitPolicy policy, String key);
}
