package io.outdial.core.ratelimit;

import io.outdial.core.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code limit} requests in any sliding window of length {@code window}.
 *
 * @param name how routes refer to the policy, e.g. {@code default} or {@code uploads}
 * @param limit requests allowed per window, 1 to {@value #MAX_LIMIT}
 * @param window the window length, at least one second
 */
public record RateLimitPolicy(String name, int limit, Duration window) {
  /**
   * The in-memory limiter keeps one timestamp per counted request, so the limit bounds memory per
   * key; larger limits would want a counter-based algorithm.
   */
  public static final int MAX_LIMIT = 100_000;

  public static final String DEFAULT_NAME = "default";

  /** 100 requests per 60 seconds, the published API's limit per API key. */
  public static final RateLimitPolicy DEFAULT =
      new RateLimitPolicy(DEFAULT_NAME, 100, Duration.ofSeconds(60));

  public RateLimitPolicy {
    if (name == null || name.isBlank()) {
      throw new ValidationException("name", "name is required");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit", "limit must be between 1 and " + MAX_LIMIT);
    }
    Objects.requireNonNull(window, "window");
    if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
      throw new ValidationException("window", "window must be between 1 second and 1 day");
    }
  }

  public static RateLimitPolicy of(String name, int limit, Duration window) {
    return new RateLimitPolicy(name, limit, window);
  }

  /** {@code limit} requests per minute. */
  public static RateLimitPolicy perMinute(String name, int limit) {
    return new RateLimitPolicy(name, limit, Duration.ofMinutes(1));
  }
}
