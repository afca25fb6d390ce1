package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.dialing.AbandonmentPolicy;
import io.outdial.core.stats.CampaignStats;
import io.outdial.persistence.campaign.CampaignRecord;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Answer of {@code GET /api/v1/campaigns/{id}/stats}: read from maintained counters. The audio
 * quality figures appear only once a carrier measured a call. The reference document's fields come
 * first, in its order, then the progress fields of the batch-jobs document (always present, null
 * when not yet known), then the audio figures.
 */
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
    @JsonProperty("elapsed_s") long elapsedS,
    @Schema(description = Progress.CONTACTS_PROCESSED) @JsonProperty("contacts_processed")
        long contactsProcessed,
    @Schema(description = Progress.SUCCESSFUL_CALLS) @JsonProperty("successful_calls")
        long successfulCalls,
    @Schema(description = Progress.FAILED_CALLS) @JsonProperty("failed_calls") long failedCalls,
    @Schema(description = Progress.SCHEDULED_START, nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonProperty("scheduled_start")
        Instant scheduledStart,
    @Schema(description = Progress.ACTUAL_START, nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonProperty("actual_start")
        Instant actualStart,
    @Schema(description = Progress.COMPLETED_AT, nullable = true)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonProperty("completed_at")
        Instant completedAt,
    @Schema(
            description =
                "Mean time from answer to the agent's first audio, over the answered calls whose"
                    + " carrier measured it (the SIP carrier, or the simulator on its simulated"
                    + " clock); absent when none did",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("avg_first_audio_ms")
        Long avgFirstAudioMs,
    @Schema(
            description =
                "Mean time from answer to the answering-machine detection's verdict; absent when"
                    + " not measured",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("avg_machine_detection_ms")
        Long avgMachineDetectionMs,
    @Schema(
            description =
                "Share of measured answered calls in which the callee met more than 2 s of dead"
                    + " air before the agent spoke (the telemarketing safe-harbor line), in"
                    + " percent; absent when not measured",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("dead_air_over_2s_percent")
        Double deadAirOver2sPercent,
    @Schema(
            description =
                "Time from answer to the agent's first audio, p50 over the measured"
                    + " calls (interpolated in 100-200 ms buckets below 2 s); absent when not measured",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("first_audio_p50_ms")
        Integer firstAudioP50Ms,
    @Schema(
            description =
                "Time from answer to the agent's first audio, p95 over the measured"
                    + " calls (interpolated in 100-200 ms buckets below 2 s); absent when not measured",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("first_audio_p95_ms")
        Integer firstAudioP95Ms,
    @Schema(
            description =
                "Time from answer to the answering-machine detection's verdict, p50 over the measured"
                    + " calls (interpolated in 100-200 ms buckets below 2 s); absent when not measured",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("machine_detection_p50_ms")
        Integer machineDetectionP50Ms,
    @Schema(
            description =
                "Time from answer to the answering-machine detection's verdict, p95 over the measured"
                    + " calls (interpolated in 100-200 ms buckets below 2 s); absent when not measured",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("machine_detection_p95_ms")
        Integer machineDetectionP95Ms,
    @Schema(
            description =
                "Time from the end of the callee's turn to the agent's first audio, p50 over the measured"
                    + " turns (interpolated in 100-200 ms buckets below 2 s); absent when not measured",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("voice_to_voice_p50_ms")
        Integer voiceToVoiceP50Ms,
    @Schema(
            description =
                "Time from the end of the callee's turn to the agent's first audio, p95 over the measured"
                    + " turns (interpolated in 100-200 ms buckets below 2 s); absent when not measured",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("voice_to_voice_p95_ms")
        Integer voiceToVoiceP95Ms,
    @Schema(
            description =
                "Abandoned calls in percent of the live answers a carrier measured, over the"
                    + " abandonment rule's window (30 days by default), as of the last one: a person"
                    + " who did not hear the agent within 2 s of the end of their greeting (or of"
                    + " the answer); absent before the first measured live answer",
            nullable = true)
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("abandonment_rate")
        Double abandonmentRate) {

  static CampaignStatsView from(CampaignRecord campaign, Instant now) {
    CampaignRecord.Counters c = campaign.counters();
    Progress progress = Progress.of(campaign);
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
        elapsed,
        progress.contactsProcessed(),
        progress.successfulCalls(),
        progress.failedCalls(),
        progress.scheduledStart(),
        progress.actualStart(),
        progress.completedAt(),
        mean(c.audio().firstAudioMsTotal(), c.audio().firstAudioCalls()),
        mean(c.audio().machineDetectionMsTotal(), c.audio().machineDetectionCalls()),
        c.audio().deadAirCalls() == 0
            ? null
            : Math.round(1000.0 * c.audio().deadAirOver2s() / c.audio().deadAirCalls()) / 10.0,
        c.audio().firstAudio().percentile(0.5).orElse(null),
        c.audio().firstAudio().percentile(0.95).orElse(null),
        c.audio().machineDetection().percentile(0.5).orElse(null),
        c.audio().machineDetection().percentile(0.95).orElse(null),
        c.audio().voiceToVoice().percentile(0.5).orElse(null),
        c.audio().voiceToVoice().percentile(0.95).orElse(null),
        campaign.abandonment().liveAnswers() == 0
            ? null
            : AbandonmentPolicy.ratePercent(
                campaign.abandonment().liveAnswers(), campaign.abandonment().abandoned()));
  }

  private static Long mean(long total, long count) {
    return count == 0 ? null : Math.round((double) total / count);
  }
}
