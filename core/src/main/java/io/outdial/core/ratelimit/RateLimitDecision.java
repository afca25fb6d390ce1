package io.outdial.core.ratelimit;

/**
 * The answer to one request: whether it may pass and what to tell the client in rate-limit headers.
 *
 * @param allowed whether the request may proceed
 * @param limit the policy's requests per window
 * @param remaining requests still allowed in the current window after this one
 * @param resetSeconds seconds until every request counted now has left the window, i.e. until
 *     {@code remaining} is back to {@code limit} (0 when nothing is counted)
 * @param retryAfterSeconds when denied, seconds until a request would be allowed, at least 1; 0
 *     when allowed
 */
public record RateLimitDecision(
    boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
  public RateLimitDecision {
    if (limit < 1 || remaining < 0 || remaining > limit || resetSeconds < 0) {
      throw new IllegalArgumentException("inconsistent decision");
    }
    if (allowed ? retryAfterSeconds != 0 : retryAfterSeconds < 1) {
      throw new IllegalArgumentException("retry_after must be >= 1 exactly when denied");
    }
  }

  public static RateLimitDecision allow(int limit, int remaining, long resetSeconds) {
    return new RateLimitDecision(true, limit, remaining, resetSeconds, 0);
  }

  public static RateLimitDecision deny(int limit, long resetSeconds, long retryAfterSeconds) {
    return new RateLimitDecision(false, limit, 0, resetSeconds, Math.max(1, retryAfterSeconds));
  }
}
