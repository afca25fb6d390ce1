package io.outdial.rest.auth;

import io.outdial.core.ratelimit.RateLimitDecision;
import io.outdial.core.ratelimit.RateLimitPolicies;
import io.outdial.core.ratelimit.RateLimitPolicy;
import io.outdial.core.ratelimit.RateLimiter;
import io.outdial.core.ratelimit.SlidingWindowRateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server's rate limiter and its policy table: {@code default} 100 requests a minute per key
 * ({@code OUTDIAL_RATE_LIMIT_DEFAULT}), {@code uploads} 10 a minute ({@code
 * OUTDIAL_RATE_LIMIT_UPLOADS}). The windows are kept in memory, per server.
 */
@ApplicationScoped
public class RateLimits {
  /** Name of the policy for contact uploads. */
  public static final String UPLOADS = "uploads";

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.default", defaultValue = "100")
  int defaultPerMinute;

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.uploads", defaultValue = "10")
  int uploadsPerMinute;

  private RateLimitPolicies policies;
  private RateLimiter limiter;

  @PostConstruct
  void init() {
    policies =
        RateLimitPolicies.withDefault(
                RateLimitPolicy.of(
                    RateLimitPolicy.DEFAULT.name(), defaultPerMinute, Duration.ofMinutes(1)))
            .with(RateLimitPolicy.perMinute(UPLOADS, uploadsPerMinute));
    limiter = SlidingWindowRateLimiter.systemTime();
  }

  /** The policy of this name, or the default one. */
  public RateLimitPolicy policy(String name) {
    return policies.forName(name);
  }

  /** Counts one request of {@code key} under {@code policy}, if the window allows it. */
  public RateLimitDecision acquire(RateLimitPolicy policy, String key) {
    return limiter.tryAcquire(policy, key);
  }
}
