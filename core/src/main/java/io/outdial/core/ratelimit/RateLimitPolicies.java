package io.outdial.core.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy table: a default policy plus named ones, so routes can have their own limits (e.g.
 * {@code uploads}: 10 per minute). An unknown name falls back to the default. Immutable.
 */
public final class RateLimitPolicies {
  private final RateLimitPolicy defaultPolicy;
  private final Map<String, RateLimitPolicy> named;

  private RateLimitPolicies(RateLimitPolicy defaultPolicy, Map<String, RateLimitPolicy> named) {
    this.defaultPolicy = defaultPolicy;
    this.named = Map.copyOf(named);
  }

  /** Only the given default policy. */
  public static RateLimitPolicies withDefault(RateLimitPolicy defaultPolicy) {
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    return new RateLimitPolicies(defaultPolicy, Map.of(defaultPolicy.name(), defaultPolicy));
  }

  /** Outdial's table: {@code default} 100 per 60 s and {@code uploads} 10 per minute. */
  public static RateLimitPolicies standard() {
    return withDefault(RateLimitPolicy.DEFAULT).with(RateLimitPolicy.perMinute("uploads", 10));
  }

  /** A copy with {@code policy} added or replacing the one of the same name. */
  public RateLimitPolicies with(RateLimitPolicy policy) {
    Map<String, RateLimitPolicy> copy = new HashMap<>(named);
    copy.put(policy.name(), policy);
    RateLimitPolicy newDefault =
        policy.name().equals(defaultPolicy.name()) ? policy : defaultPolicy;
    return new RateLimitPolicies(newDefault, copy);
  }

  public RateLimitPolicy defaultPolicy() {
    return defaultPolicy;
  }

  /** The named policy, if the table has one. */
  public Optional<RateLimitPolicy> find(String name) {
    return Optional.ofNullable(name == null ? null : named.get(name));
  }

  /** The named policy, or the default when the table has none of that name. */
  public RateLimitPolicy forName(String name) {
    return find(name).orElse(defaultPolicy);
  }
}
