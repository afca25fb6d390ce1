package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.contact.Disposition;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.retry.RetryPolicy;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign's effective retry policy: its own fields over the server's settings. */
@Schema(
    name = "RetryPolicy",
    description =
        "The retry policy the dialer follows for this campaign: the campaign's own fields, the"
            + " server's settings for those it left out")
public record RetryPolicyView(
    @JsonProperty("max_attempts") @Schema(description = "Attempts per contact, the first included")
        int maxAttempts,
    @JsonProperty("retryable_statuses") @Schema(description = "Outcomes that are retried")
        List<String> retryableStatuses,
    @JsonProperty("delay_seconds")
        @Schema(
            description =
                "Wait before the first retry (every retry when fixed), in seconds; a server"
                    + " setting may have a fraction")
        double delaySeconds,
    @Schema(enumeration = {"fixed", "exponential"}) String backoff) {

  static RetryPolicyView of(CampaignRetry own, RetryPolicy server) {
    RetryPolicy p = own.over(server);
    return new RetryPolicyView(
        p.maxAttempts(),
        Arrays.stream(Disposition.values())
            .filter(p.retryable()::contains)
            .map(Disposition::wireName)
            .toList(),
        CampaignRetry.firstDelay(p.backoff()).toMillis() / 1000.0,
        CampaignRetry.kindOf(p.backoff()).wireName());
  }
}
