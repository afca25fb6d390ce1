package io.outdial.persistence.campaign;

import io.outdial.core.calling.CallingRules;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Voice;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.sms.SmsFollowUp;
import io.outdial.core.stats.CampaignProgress;
import io.outdial.core.stats.LatencyHistogram;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored campaign: its settings, status, timestamps and the counters behind its stats.
 *
 * @param agentId the agent it calls with, if any (its texts and voice here are then the agent's at
 *     the campaign's creation)
 * @param calling its own calling rules ({@link CallingRules#SERVER} for the server's, no cap)
 * @param smsFollowUp the text message sent after calls with given dispositions, if any
 */
public record CampaignRecord(
    CampaignId id,
    ClientId clientId,
    String name,
    Voice voice,
    String systemPrompt,
    String callerId,
    MaxConcurrent maxConcurrent,
    Priority priority,
    Optional<String> greetingText,
    Optional<String> voicemailText,
    CampaignStatus status,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Counters counters,
    Optional<Instant> scheduledStart,
    CampaignRetry retry,
    Optional<AgentId> agentId,
    CallingRules calling,
    Optional<SmsFollowUp> smsFollowUp,
    Abandonment abandonment) {

  /**
   * Where the campaign stands with the abandonment rule ({@code AbandonmentPolicy}), as of its last
   * measured live answer.
   *
   * @param liveAnswers measured live answers in the rule's window
   * @param abandoned the abandoned calls among them
   * @param slowed whether it dials at half its concurrency
   * @param pauseReason why the server paused it ({@code abandonment_rate_exceeded}), while it is
   *     paused for that
   */
  public record Abandonment(
      long liveAnswers, long abandoned, boolean slowed, Optional<String> pauseReason) {}

  /**
   * When the campaign reached {@code completed}: its end, for a completed campaign only (a
   * cancelled or failed one was not completed).
   */
  public Optional<Instant> completedAt() {
    return status == CampaignStatus.COMPLETED ? endedAt : Optional.empty();
  }

  /** What the dialer has done so far; maintained with every call record. */
  public record Counters(
      long totalContacts,
      long contactsEnqueued,
      long callsPlaced,
      long humanAnswers,
      long voicemails,
      long errors,
      long noAnswer,
      double talkSeconds,
      int inFlight,
      long doNotCallSkipped,
      Audio audio,
      CampaignProgress progress) {}

  /**
   * Sums behind the campaign's audio quality figures, over the calls whose carrier measured them.
   */
  public record Audio(
      long firstAudioCalls,
      long firstAudioMsTotal,
      long machineDetectionCalls,
      long machineDetectionMsTotal,
      long deadAirCalls,
      long deadAirOver2s,
      LatencyHistogram firstAudio,
      LatencyHistogram machineDetection,
      LatencyHistogram voiceToVoice) {}

  static CampaignRecord from(CampaignEntity e) {
    return new CampaignRecord(
        CampaignId.parse(e.id),
        ClientId.of(e.clientId),
        e.name,
        Voice.fromWire(e.voice),
        e.systemPrompt,
        e.callerId,
        MaxConcurrent.of(e.maxConcurrent),
        Priority.of(e.priority),
        Optional.ofNullable(e.greetingText),
        Optional.ofNullable(e.voicemailText),
        CampaignStatus.fromWire(e.status),
        e.createdAt,
        Optional.ofNullable(e.startedAt),
        Optional.ofNullable(e.endedAt),
        new Counters(
            e.totalContacts,
            e.contactsEnqueued,
            e.callsPlaced,
            e.humanAnswers,
            e.voicemails,
            e.errors,
            e.noAnswer,
            e.talkSeconds,
            e.inFlight,
            e.doNotCallSkipped,
            new Audio(
                e.firstAudioCalls,
                e.firstAudioMsTotal,
                e.machineDetectionCalls,
                e.machineDetectionMsTotal,
                e.deadAirCalls,
                e.deadAirOver2s,
                LatencyHistogram.of(e.firstAudioHist),
                LatencyHistogram.of(e.machineDetectionHist),
                LatencyHistogram.of(e.voiceToVoiceHist)),
            new CampaignProgress(e.contactsProcessed, e.successfulCalls)),
        Optional.ofNullable(e.scheduledStart),
        RetryColumns.read(e.retryMaxAttempts, e.retryStatuses, e.retryDelaySeconds, e.retryBackoff),
        Optional.ofNullable(e.agentId).map(AgentId::parse),
        CallingColumns.read(
            e.callingStartMinute, e.callingEndMinute, e.callingDays, e.maxAttemptsPerNumberPerDay),
        e.smsFollowUpText == null
            ? Optional.empty()
            : Optional.of(SmsFollowUp.read(e.smsFollowUpDispositions, e.smsFollowUpText)),
        new Abandonment(
            e.abandonmentLiveAnswers,
            e.abandonmentAbandoned,
            e.slowed,
            Optional.ofNullable(e.pauseReason)));
  }
}
