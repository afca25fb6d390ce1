package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.calling.CallingHours;
import io.outdial.core.dialing.AbandonmentPolicy;
import io.outdial.core.id.AgentId;
import io.outdial.core.retry.RetryPolicy;
import io.outdial.persistence.agent.AgentRecord;
import io.outdial.persistence.campaign.CampaignRecord;
import io.outdial.rest.Times;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign's settings, status and counts ({@code GET /api/v1/campaigns/{id}} and the list). */
@Schema(name = "Campaign")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CampaignView(
    @JsonProperty("campaign_id") String campaignId,
    @JsonProperty("client_id") String clientId,
    String name,
    String status,
    String voice,
    @JsonProperty("system_prompt") String systemPrompt,
    @JsonProperty("caller_id") String callerId,
    @JsonProperty("max_concurrent") int maxConcurrent,
    int priority,
    @JsonProperty("greeting_text") String greetingText,
    @JsonProperty("voicemail_text") String voicemailText,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("ended_at") Instant endedAt,
    @JsonProperty("total_contacts") long totalContacts,
    @JsonProperty("contacts_enqueued") long contactsEnqueued,
    @JsonProperty("calls_placed") long callsPlaced,
    @Schema(description = "Calls ringing or in conversation now, on every server")
        @JsonProperty("calls_in_progress")
        int callsInProgress,
    @Schema(description = "Contacts not called because their number is on the do-not-call list")
        @JsonProperty("do_not_call_skipped")
        long doNotCallSkipped,
    @Schema(description = Progress.CONTACTS_PROCESSED) @JsonProperty("contacts_processed")
        long contactsProcessed,
    @Schema(description = Progress.SUCCESSFUL_CALLS) @JsonProperty("successful_calls")
        long successfulCalls,
    @Schema(description = Progress.FAILED_CALLS) @JsonProperty("failed_calls") long failedCalls,
    @Schema(description = Progress.SCHEDULED_START, nullable = true)
        @JsonProperty("scheduled_start")
        Instant scheduledStart,
    @Schema(description = Progress.ACTUAL_START, nullable = true) @JsonProperty("actual_start")
        Instant actualStart,
    @Schema(description = Progress.COMPLETED_AT, nullable = true) @JsonProperty("completed_at")
        Instant completedAt,
    @JsonProperty("retry_policy") RetryPolicyView retryPolicy,
    @Schema(
            description =
                "The agent the campaign calls with, or null when it has texts of its own; voice,"
                    + " system_prompt, greeting_text and voicemail_text are then the agent's now")
        @JsonProperty("agent_id")
        String agentId,
    @JsonProperty("calling_rules") CallingRulesView callingRules,
    @JsonProperty("sms_follow_up")
        @Schema(nullable = true, description = "The follow-up text message, or null for none")
        SmsFollowUpView smsFollowUp,
    @Schema(
            description =
                "The concurrency the campaign dials at now: max_concurrent, or half of it (at least"
                    + " 1) while its abandonment rate nears the limit")
        @JsonProperty("effective_max_concurrent")
        int effectiveMaxConcurrent,
    @Schema(
            nullable = true,
            description =
                "Why the server paused the campaign (abandonment_rate_exceeded: its abandonment"
                    + " rate went above the limit), or null; resuming clears it")
        @JsonProperty("pause_reason")
        String pauseReason) {

  /** The view of a campaign with an agent: the agent's current voice and texts. */
  CampaignView withAgent(AgentRecord agent) {
    var a = agent.config();
    return new CampaignView(
        campaignId,
        clientId,
        name,
        status,
        a.voice().wireName(),
        a.systemPrompt(),
        callerId,
        maxConcurrent,
        priority,
        a.greetingText().orElse(null),
        a.voicemailText().orElse(null),
        createdAt,
        startedAt,
        endedAt,
        totalContacts,
        contactsEnqueued,
        callsPlaced,
        callsInProgress,
        doNotCallSkipped,
        contactsProcessed,
        successfulCalls,
        failedCalls,
        scheduledStart,
        actualStart,
        completedAt,
        retryPolicy,
        agent.id().value(),
        callingRules,
        smsFollowUp,
        effectiveMaxConcurrent,
        pauseReason);
  }

  static CampaignView from(
      CampaignRecord c, RetryPolicy server, Optional<CallingHours> serverHours) {
    Progress progress = Progress.of(c);
    return new CampaignView(
        c.id().value(),
        c.clientId().value(),
        c.name(),
        c.status().wireName(),
        c.voice().wireName(),
        c.systemPrompt(),
        c.callerId(),
        c.maxConcurrent().value(),
        c.priority().value(),
        c.greetingText().orElse(null),
        c.voicemailText().orElse(null),
        Times.seconds(c.createdAt()),
        c.startedAt().map(Times::seconds).orElse(null),
        c.endedAt().map(Times::seconds).orElse(null),
        c.counters().totalContacts(),
        c.counters().contactsEnqueued(),
        c.counters().callsPlaced(),
        c.counters().inFlight(),
        c.counters().doNotCallSkipped(),
        progress.contactsProcessed(),
        progress.successfulCalls(),
        progress.failedCalls(),
        progress.scheduledStart(),
        progress.actualStart(),
        progress.completedAt(),
        RetryPolicyView.of(c.retry(), server),
        c.agentId().map(AgentId::value).orElse(null),
        CallingRulesView.of(c.calling(), serverHours),
        c.smsFollowUp().map(SmsFollowUpView::of).orElse(null),
        AbandonmentPolicy.effectiveConcurrency(
            c.maxConcurrent().value(),
            c.abandonment().slowed()
                ? AbandonmentPolicy.Verdict.SLOW_DOWN
                : AbandonmentPolicy.Verdict.DIAL),
        c.abandonment().pauseReason().orElse(null));
  }
}
