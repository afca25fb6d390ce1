package io.outdial.rest.usage;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.persistence.usage.Usage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/clients/{client_id}/usage}. */
@Schema(name = "ClientUsage")
public record UsageView(
    @JsonProperty("client_id") String clientId,
    @JsonProperty("total_campaigns") @Schema(description = "campaigns created in the period")
        long totalCampaigns,
    @JsonProperty("total_calls") long totalCalls,
    @JsonProperty("total_minutes") @Schema(description = "talk time, one decimal")
        double totalMinutes,
    @JsonProperty("human_answers") long humanAnswers,
    @JsonProperty("voicemails_dropped") long voicemailsDropped,
    @Schema(examples = "2025-03", description = "calendar month, UTC") String period) {

  static UsageView from(Usage usage) {
    return new UsageView(
        usage.clientId(),
        usage.totalCampaigns(),
        usage.totalCalls(),
        Math.round(usage.totalSeconds() / 60.0 * 10) / 10.0,
        usage.humanAnswers(),
        usage.voicemailsDropped(),
        usage.period().toString());
  }
}
