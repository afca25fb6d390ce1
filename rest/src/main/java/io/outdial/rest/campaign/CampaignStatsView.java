package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.stats.CampaignStats;
import io.outdial.persistence.campaign.CampaignRecord;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/campaigns/{id}/stats}: read from maintained counters. */
@Schema(name = "CampaignStats")
public record CampaignStatsView(
    @JsonProperty("campaign_id") String campaignId,
    String status,
    @JsonProperty("total_contacts") long totalContacts,
    @JsonProperty("contacts_enqueued") long contactsEnqueued,
    @JsonProperty("calls_placed") long callsPlaced,
    @JsonProperty("human_answers") long humanAnswers,
    long voicemails,
    long errors,
    @JsonProperty("no_answer") long noAnswer,
    @JsonProperty("har_percent") double harPercent,
    @JsonProperty("avg_call_duration_s") double avgCallDurationS,
    @JsonProperty("elapsed_s") long elapsedS) {

  static CampaignStatsView from(CampaignRecord campaign, Instant now) {
    CampaignRecord.Counters c = campaign.counters();
    // the average is over calls that ended: calls in progress have no duration yet
    long ended = c.callsPlaced() - c.inFlight();
    double average = ended <= 0 ? 0 : Math.round(c.talkSeconds() / ended * 10) / 10.0;
    long elapsed =
        campaign
            .startedAt()
            .map(start -> CampaignStats.elapsedSeconds(start, campaign.endedAt().orElse(now)))
            .orElse(0L);
    return new CampaignStatsView(
        campaign.id().value(),
        campaign.status().wireName(),
        c.totalContacts(),
        c.contactsEnqueued(),
        c.callsPlaced(),
        c.humanAnswers(),
        c.voicemails(),
        c.errors(),
        c.noAnswer(),
        CampaignStats.harPercent(c.humanAnswers(), c.callsPlaced()),
        average,
        elapsed);
  }
}
