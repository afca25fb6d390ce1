package io.outdial.rest.auth;

import io.outdial.core.ratelimit.RateLimitDecision;
import io.outdial.core.ratelimit.RateLimitPolicies;
import io.outdial.core.ratelimit.RateLimitPolicy;
import io.outdial.core.ratelimit.SlidingWindowRateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server's rate limiter and its policy table: {@code default} 100 requests a minute per key
 * ({@code OUTDIAL_RATE_LIMIT_DEFAULT}), {@code uploads} 10 a minute ({@code
 * OUTDIAL_RATE_LIMIT_UPLOADS}), {@code agents} 30 agent changes a minute ({@code
 * OUTDIAL_RATE_LIMIT_AGENTS}), {@code call-metadata} 30 a minute ({@code
 * OUTDIAL_RATE_LIMIT_CALL_METADATA}), {@code transfer-targets} 60 transfer-target changes a minute
 * ({@code OUTDIAL_RATE_LIMIT_TRANSFER_TARGETS}), {@code agent-availability} 30 a minute ({@code
 * OUTDIAL_RATE_LIMIT_AGENT_AVAILABILITY}), {@code call-end} 10 a minute ({@code
 * OUTDIAL_RATE_LIMIT_CALL_END}), {@code call-transfer} 10 a minute ({@code
 * OUTDIAL_RATE_LIMIT_CALL_TRANSFER}), {@code sms} 120 text messages a minute ({@code
 * OUTDIAL_RATE_LIMIT_SMS}). Each server keeps an exact sliding window of the requests it allowed
 * and counts what the other servers allowed ({@link RateUsageSync}), so a key's limit holds across
 * servers.
 */
@ApplicationScoped
public class RateLimits {
  private static final Logger LOG = Logger.getLogger(RateLimits.class.getName());

  /** Name of the policy for contact uploads. */
  public static final String UPLOADS = "uploads";

  /** Name of the policy for writing metadata back onto calls. */
  public static final String CALL_METADATA = "call-metadata";

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.default", defaultValue = "100")
  int defaultPerMinute;

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.uploads", defaultValue = "10")
  int uploadsPerMinute;

  /** Name of the policy for creating, changing and deleting agents. */
  public static final String AGENTS = "agents";

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.agents", defaultValue = "30")
  int agentsPerMinute;

  /** Name of the policy for webhook endpoint changes. */
  public static final String WEBHOOKS = "webhooks";

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.webhooks", defaultValue = "20")
  int webhooksPerMinute;

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.call-metadata", defaultValue = "30")
  int callMetadataPerMinute;

  /** Name of the policy for creating, changing (status too) and deleting transfer targets. */
  public static final String TRANSFER_TARGETS = "transfer-targets";

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.transfer-targets", defaultValue = "60")
  int transferTargetsPerMinute;

  /** Name of the policy for reading who is free per queue. */
  public static final String AGENT_AVAILABILITY = "agent-availability";

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.agent-availability", defaultValue = "30")
  int agentAvailabilityPerMinute;

  /** Name of the policy for ending calls on request. */
  public static final String CALL_END = "call-end";

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.call-end", defaultValue = "10")
  int callEndPerMinute;

  /** Name of the policy for transferring live calls to humans. */
  public static final String CALL_TRANSFER = "call-transfer";

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.call-transfer", defaultValue = "10")
  int callTransferPerMinute;

  /** Name of the policy for sending text messages. */
  public static final String SMS = "sms";

  @Inject
  @ConfigProperty(name = "outdial.rate-limit.sms", defaultValue = "120")
  int smsPerMinute;

  @Inject RateUsageSync sync;

  private RateLimitPolicies policies;
  private SlidingWindowRateLimiter limiter;

  @PostConstruct
  void init() {
    policies =
        RateLimitPolicies.withDefault(
                RateLimitPolicy.of(
                    RateLimitPolicy.DEFAULT.name(),
                    perMinute("OUTDIAL_RATE_LIMIT_DEFAULT", defaultPerMinute, 100),
                    Duration.ofMinutes(1)))
            .with(
                RateLimitPolicy.perMinute(
                    UPLOADS, perMinute("OUTDIAL_RATE_LIMIT_UPLOADS", uploadsPerMinute, 10)))
            .with(
                RateLimitPolicy.perMinute(
                    AGENTS, perMinute("OUTDIAL_RATE_LIMIT_AGENTS", agentsPerMinute, 30)))
            .with(
                RateLimitPolicy.perMinute(
                    WEBHOOKS, perMinute("OUTDIAL_RATE_LIMIT_WEBHOOKS", webhooksPerMinute, 20)))
            .with(
                RateLimitPolicy.perMinute(
                    CALL_METADATA,
                    perMinute("OUTDIAL_RATE_LIMIT_CALL_METADATA", callMetadataPerMinute, 30)))
            .with(
                RateLimitPolicy.perMinute(
                    TRANSFER_TARGETS,
                    perMinute("OUTDIAL_RATE_LIMIT_TRANSFER_TARGETS", transferTargetsPerMinute, 60)))
            .with(
                RateLimitPolicy.perMinute(
                    AGENT_AVAILABILITY,
                    perMinute(
                        "OUTDIAL_RATE_LIMIT_AGENT_AVAILABILITY", agentAvailabilityPerMinute, 30)))
            .with(
                RateLimitPolicy.perMinute(
                    CALL_END, perMinute("OUTDIAL_RATE_LIMIT_CALL_END", callEndPerMinute, 10)))
            .with(
                RateLimitPolicy.perMinute(
                    CALL_TRANSFER,
                    perMinute("OUTDIAL_RATE_LIMIT_CALL_TRANSFER", callTransferPerMinute, 10)))
            .with(
                RateLimitPolicy.perMinute(
                    SMS, perMinute("OUTDIAL_RATE_LIMIT_SMS", smsPerMinute, 120)));
    limiter = SlidingWindowRateLimiter.systemTime();
  }

  /** Settles the policies at start, so that a bad setting is reported then, not per request. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    policy(RateLimitPolicy.DEFAULT.name());
    sync.start(
        Math.max(
            policy(RateLimitPolicy.DEFAULT.name()).window().toSeconds(),
            Math.max(
                policy(UPLOADS).window().toSeconds(), policy(CALL_METADATA).window().toSeconds())));
  }

  // A setting out of range must not turn every request into a 500: say so once and use the default.
  private static int perMinute(String setting, int configured, int fallback) {
    if (configured >= 1 && configured <= RateLimitPolicy.MAX_LIMIT) {
      return configured;
    }
    LOG.severe(
        setting
            + "="
            + configured
            + " is outside 1-"
            + RateLimitPolicy.MAX_LIMIT
            + " requests per minute; using "
            + fallback);
    return fallback;
  }

  /** The policy of this name, or the default one. */
  public RateLimitPolicy policy(String name) {
    return policies.forName(name);
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
