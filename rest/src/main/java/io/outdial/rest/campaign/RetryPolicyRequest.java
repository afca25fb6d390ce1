package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.ValidationException;
import io.outdial.core.contact.Disposition;
import io.outdial.core.retry.CampaignRetry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code retry_policy} object of {@code POST /api/v1/campaigns}; every field is optional. */
@Schema(
    name = "RetryPolicyRequest",
    description =
        "This campaign's retry policy. A field left out takes the server's setting"
            + " (outdial.dialer.retry.*). Retries always land inside the recipient's calling"
            + " hours.")
public record RetryPolicyRequest(
    @JsonProperty("max_attempts")
        @Schema(
            minimum = "1",
            maximum = "10",
            description = "Attempts per contact in all, the first included (1: never retry)")
        Integer maxAttempts,
    @JsonProperty("retryable_statuses")
        @Schema(
            description =
                "The outcomes worth another attempt, any of no_answer, busy, timeout, failed,"
                    + " voicemail; [] retries nothing",
            examples = "[\"no_answer\", \"busy\", \"timeout\"]")
        List<String> retryableStatuses,
    @JsonProperty("delay_seconds")
        @Schema(
            minimum = "0",
            maximum = "86400",
            description =
                "Seconds from the end of an attempt to the next (the first retry's wait when the"
                    + " backoff is exponential)")
        Integer delaySeconds,
    @Schema(
            enumeration = {"fixed", "exponential"},
            description =
                "fixed: delay_seconds before every retry; exponential: delay_seconds, then"
                    + " doubling up to 2 hours (or delay_seconds if longer), each spread by ±20%")
        String backoff) {

  /** The campaign's own policy; {@code null} (no {@code retry_policy}) is the server's. */
  static CampaignRetry toDomain(RetryPolicyRequest request) {
    if (request == null) {
      return CampaignRetry.SERVER;
    }
    Optional<Set<Disposition>> statuses = Optional.empty();
    if (request.retryableStatuses() != null) {
      Set<Disposition> set = EnumSet.noneOf(Disposition.class);
      for (int i = 0; i < request.retryableStatuses().size(); i++) {
        String value = request.retryableStatuses().get(i);
        if (value == null) {
          throw new ValidationException(
              "retry_policy.retryable_statuses",
              "retry_policy.retryable_statuses[" + i + "] must be a status, not null");
        }
        set.add(CampaignRetry.retryableStatus(value.strip()));
      }
      statuses = Optional.of(set);
    }
    return new CampaignRetry(
        Optional.ofNullable(request.maxAttempts()),
        statuses,
        Optional.ofNullable(request.delaySeconds()).map(Duration::ofSeconds),
        Optional.ofNullable(request.backoff())
            .map(String::strip)
            .map(CampaignRetry.Kind::fromWire));
  }
}
