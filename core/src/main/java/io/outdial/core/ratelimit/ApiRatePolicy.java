package io.outdial.core.ratelimit;

import java.util.Locale;

/**
 * The API's rate-limit policies: each is a number of requests per API key in any sliding minute,
 * with a default that the setting {@link #setting()} overrides per server.
 */
public enum ApiRatePolicy {
  /** Every route without a policy of its own: the published API's 100 a minute. */
  DEFAULT(RateLimitPolicy.DEFAULT_NAME, 100),
  /** Contact and do-not-call uploads. */
  UPLOADS("uploads", 10),
  /** Creating, changing and deleting agents. */
  AGENTS("agents", 30),
  /** Webhook endpoint changes. */
  WEBHOOKS("webhooks", 20),
  /** Writing metadata back onto calls. */
  CALL_METADATA("call-metadata", 30),
  /** Creating, changing (status too) and deleting transfer targets. */
  TRANSFER_TARGETS("transfer-targets", 60),
  /** Reading who is free per queue. */
  AGENT_AVAILABILITY("agent-availability", 30),
  /** Ending calls on request. */
  CALL_END("call-end", 10),
  /** Transferring live calls to humans. */
  CALL_TRANSFER("call-transfer", 10),
  /** Sending text messages. */
  SMS("sms", 120);

  private final String policyName;
  private final int defaultPerMinute;

  ApiRatePolicy(String policyName, int defaultPerMinute) {
    this.policyName = policyName;
    this.defaultPerMinute = defaultPerMinute;
  }

  /** How the policy is named in settings, logs and the usage shared between servers. */
  public String policyName() {
    return policyName;
  }

  public int defaultPerMinute() {
    return defaultPerMinute;
  }

  /** The environment variable that sets it, e.g. {@code OUTDIAL_RATE_LIMIT_CALL_END}. */
  public String setting() {
    return "OUTDIAL_RATE_LIMIT_" + policyName.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The MicroProfile Config property that sets it, e.g. {@code outdial.rate-limit.call-end}. */
  public String property() {
    return "outdial.rate-limit." + policyName;
  }

  /** The policy with {@code perMinute} requests a minute. */
  public RateLimitPolicy perMinute(int perMinute) {
    return RateLimitPolicy.perMinute(policyName, perMinute);
  }
}
