package io.outdial.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ApiRatePolicyTest {
  @Test
  void settingsAndPropertiesFollowThePolicyName() {
    assertThat(ApiRatePolicy.CALL_END.setting()).isEqualTo("OUTDIAL_RATE_LIMIT_CALL_END");
    assertThat(ApiRatePolicy.AGENT_AVAILABILITY.property())
        .isEqualTo("outdial.rate-limit.agent-availability");
    assertThat(ApiRatePolicy.DEFAULT.setting()).isEqualTo("OUTDIAL_RATE_LIMIT_DEFAULT");
  }

  @Test
  void namesAreDistinctAndTheDefaultIsThePublishedLimit() {
    assertThat(Arrays.stream(ApiRatePolicy.values()).map(ApiRatePolicy::policyName))
        .doesNotHaveDuplicates();
    assertThat(ApiRatePolicy.DEFAULT.perMinute(ApiRatePolicy.DEFAULT.defaultPerMinute()))
        .isEqualTo(RateLimitPolicy.DEFAULT);
  }

  @Test
  void everyDefaultIsAValidPolicyOfOneMinute() {
    for (ApiRatePolicy policy : ApiRatePolicy.values()) {
      RateLimitPolicy limits = policy.perMinute(policy.defaultPerMinute());
      assertThat(limits.name()).isEqualTo(policy.policyName());
      assertThat(limits.window()).isEqualTo(Duration.ofMinutes(1));
    }
  }
}
