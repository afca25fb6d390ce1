package io.outdial.persistence.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code campaign}. */
@Entity
@Table(name = "campaign")
class CampaignEntity {
  @Id String id;

  @Column(name = "client_id", nullable = false, updatable = false)
  String clientId;

  String name;
  String voice;

  @Column(name = "system_prompt")
  String systemPrompt;

  @Column(name = "caller_id")
  String callerId;

  @Column(name = "max_concurrent")
  int maxConcurrent;

  int priority;

  @Column(name = "greeting_text")
  String greetingText;

  @Column(name = "voicemail_text")
  String voicemailText;

  String status;

  @Column(name = "created_at", updatable = false)
  Instant createdAt;

  @Column(name = "started_at")
  Instant startedAt;

  @Column(name = "ended_at")
  Instant endedAt;

  @Column(name = "deleted_at")
  Instant deletedAt;

  @Column(name = "total_contacts")
  long totalContacts;

  @Column(name = "contacts_enqueued")
  long contactsEnqueued;

  @Column(name = "calls_placed")
  long callsPlaced;

  @Column(name = "human_answers")
  long humanAnswers;

  long voicemails;
  long errors;

  @Column(name = "no_answer")
  long noAnswer;

  @Column(name = "talk_seconds")
  double talkSeconds;

  @Column(name = "in_flight")
  int inFlight;

  @Column(name = "do_not_call_skipped")
  long doNotCallSkipped;

  @Column(name = "first_audio_calls")
  long firstAudioCalls;

  @Column(name = "first_audio_ms_total")
  long firstAudioMsTotal;

  @Column(name = "machine_detection_calls")
  long machineDetectionCalls;

  @Column(name = "machine_detection_ms_total")
  long machineDetectionMsTotal;

  @Column(name = "dead_air_calls")
  long deadAirCalls;

  @Column(name = "dead_air_over_2s")
  long deadAirOver2s;

  // cleared when a campaign is paused by hand or resumed; set by the abandonment rule
  @Column(name = "pause_reason")
  String pauseReason;

  @Column(name = "slowed", insertable = false, updatable = false)
  boolean slowed;

  @Column(name = "abandonment_live_answers", insertable = false, updatable = false)
  long abandonmentLiveAnswers;

  @Column(name = "abandonment_abandoned", insertable = false, updatable = false)
  long abandonmentAbandoned;

  // written only by the outcome writer's update, never through the entity
  @Column(name = "first_audio_hist", insertable = false, updatable = false)
  long[] firstAudioHist;

  @Column(name = "machine_detection_hist", insertable = false, updatable = false)
  long[] machineDetectionHist;

  @Column(name = "voice_to_voice_hist", insertable = false, updatable = false)
  long[] voiceToVoiceHist;

  @Column(name = "agent_id", updatable = false)
  String agentId;

  @Column(name = "scheduled_start", updatable = false)
  Instant scheduledStart;

  @Column(name = "contacts_processed")
  long contactsProcessed;

  @Column(name = "successful_calls")
  long successfulCalls;

  @Column(name = "retry_max_attempts", updatable = false)
  Integer retryMaxAttempts;

  @Column(name = "retry_statuses", updatable = false)
  String retryStatuses;

  @Column(name = "retry_delay_seconds", updatable = false)
  Integer retryDelaySeconds;

  @Column(name = "retry_backoff", updatable = false)
  String retryBackoff;

  @Column(name = "calling_start_minute", updatable = false)
  Integer callingStartMinute;

  @Column(name = "calling_end_minute", updatable = false)
  Integer callingEndMinute;

  @Column(name = "calling_days", updatable = false)
  String callingDays;

  @Column(name = "max_attempts_per_number_per_day", updatable = false)
  Integer maxAttemptsPerNumberPerDay;

  @Column(name = "sms_follow_up_dispositions", updatable = false)
  String smsFollowUpDispositions;

  @Column(name = "sms_follow_up_text", updatable = false)
  String smsFollowUpText;

  protected CampaignEntity() {}
}
