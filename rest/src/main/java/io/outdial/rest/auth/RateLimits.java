package io.outdial.rest.auth;

import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.core.ratelimit.RateLimitDecision;
import io.outdial.core.ratelimit.RateLimitPolicies;
import io.outdial.core.ratelimit.RateLimitPolicy;
import io.outdial.core.ratelimit.SlidingWindowRateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * This server's rate limiter and its policy table, {@link ApiRatePolicy}: each policy's requests
 * per minute per key come from its setting (e.g. {@code OUTDIAL_RATE_LIMIT_UPLOADS}), else its
 * default. Each server keeps an exact sliding window of the requests it allowed and counts what the
 * other servers allowed ({@link RateUsageSync}), so a key's limit holds across servers.
 */
@ApplicationScoped
public class RateLimits {
  private static final Logger LOG = Logger.getLogger(RateLimits.class.getName());

  @Inject Config config;

  @Inject RateUsageSync sync;

  private RateLimitPolicies policies;
  private SlidingWindowRateLimiter limiter;

  @PostConstruct
  void init() {
    RateLimitPolicies table =
        RateLimitPolicies.withDefault(
            ApiRatePolicy.DEFAULT.perMinute(perMinute(ApiRatePolicy.DEFAULT)));
    for (ApiRatePolicy policy : ApiRatePolicy.values()) {
      if (policy != ApiRatePolicy.DEFAULT) {
        table = table.with(policy.perMinute(perMinute(policy)));
      }
    }
    policies = table;
    limiter = SlidingWindowRateLimiter.systemTime();
  }

  /** Settles the policies at start, so that a bad setting is reported then, not per request. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    long longest = 0;
    for (ApiRatePolicy policy : ApiRatePolicy.values()) {
      longest = Math.max(longest, policy(policy).window().toSeconds());
    }
    sync.start(longest);
  }

  // A setting out of range, or not a number, must not turn every request into a 500: say so once
  // and use the default.
  private int perMinute(ApiRatePolicy policy) {
    Object configured;
    try {
      Optional<Integer> value = config.getOptionalValue(policy.property(), Integer.class);
      if (value.isEmpty()) {
        return policy.defaultPerMinute();
      }
      if (value.get() >= 1 && value.get() <= RateLimitPolicy.MAX_LIMIT) {
        return value.get();
      }
      configured = value.get();
    } catch (IllegalArgumentException e) {
      configured = config.getOptionalValue(policy.property(), String.class).orElse("");
    }
    LOG.severe(
        policy.setting()
            + "="
            + configured
            + " is not a number of requests per minute from 1 to "
            + RateLimitPolicy.MAX_LIMIT
            + "; using "
            + policy.defaultPerMinute());
    return policy.defaultPerMinute();
  }

  /** The policy of this name, or the default one. */
  public RateLimitPolicy policy(String name) {
    return policies.forName(name);
  }

  /** This server's limits of the policy. */
  public RateLimitPolicy policy(ApiRatePolicy policy) {
    return policies.forName(policy.policyName());
  }

  /** Counts one request of {@code key} under {@code policy}, if the window allows it. */
  public RateLimitDecision acquire(RateLimitPolicy policy, String key) {
    RateLimitDecision decision = limiter.tryAcquire(policy, key, sync.elsewhere(policy, key));
    if (decision.allowed()) {
      sync.allowed(policy, key);
    }
    return decision;
  }
}
