package io.outdial.persistence.dialing;

import io.outdial.core.agent.AnalysisState;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.dialing.AbandonmentPolicy;
import io.outdial.core.dialing.ContactState;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.stats.CampaignProgress;
import io.outdial.core.stats.LatencyHistogram;
import io.outdial.core.webhook.EventType;
import io.outdial.persistence.sms.SmsFollowUps;
import io.outdial.persistence.webhook.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writing call outcomes: shared by {@link JdbcCallOutcomes} (calls that ended) and {@link
 * JdbcDialerLeases} (calls of lost servers closed by another).
 */
final class OutcomeStatements {
  private static final Comparator<List<String>> USAGE_ORDER =
      Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1));

  private OutcomeStatements() {}

  /**
   * Writes the results in the caller's transaction; see {@link CallOutcomes#complete}.
   *
   * @return how many were written (the others were closed already)
   */
  static int write(Connection c, List<CallResult> results, Instant now) throws SQLException {
    return write(c, results, now, AbandonmentPolicy.DEFAULT);
  }

  /** As {@link #write(Connection, List, Instant)}, judging abandonment with {@code policy}. */
  static int write(Connection c, List<CallResult> results, Instant now, AbandonmentPolicy policy)
      throws SQLException {
    Set<CampaignId> campaigns = new TreeSet<>(Sql.CAMPAIGN_ORDER);
    results.forEach(r -> campaigns.add(r.campaignId()));
    Set<CampaignId> deleted = Sql.lockCampaigns(c, campaigns);
    // a do-not-call request stands whatever became of its call record
    optOuts(
        c,
        results.stream()
            .filter(CallResult::doNotCall)
            .map(r -> new OptOut(r.clientId(), r.phone(), r.callId(), r.endedAt()))
            .toList());
    List<CallResult> written = endCalls(c, results);
    if (written.isEmpty()) {
      return 0;
    }
    updateContacts(c, written, deleted);
    Outbox.emit(
        c,
        EventType.CALL_ENDED,
        written.stream()
            .map(r -> new Outbox.Event(r.clientId(), r.callId().value(), null))
            .toList(),
        now);
    SmsFollowUps.enqueue(
        c,
        written.stream()
            .filter(r -> !r.doNotCall())
            .map(
                r ->
                    new SmsFollowUps.Ended(
                        r.callId().value(),
                        r.clientId().value(),
                        r.campaignId().value(),
                        r.contactId(),
                        r.disposition().wireName()))
            .toList(),
        now);
    Map<CampaignId, Tally> tallies = new TreeMap<>(Sql.CAMPAIGN_ORDER);
    Map<List<String>, Tally> usage = new TreeMap<>(USAGE_ORDER);
    for (CallResult r : written) {
      Tally tally = tallies.computeIfAbsent(r.campaignId(), k -> new Tally());
      tally.add(r);
      tally.progress(after(r, deleted), r.disposition());
      YearMonth period = YearMonth.from(r.startedAt().atOffset(ZoneOffset.UTC));
      usage
          .computeIfAbsent(List.of(r.clientId().value(), period.toString()), k -> new Tally())
          .add(r);
    }
    campaignCounters(c, tallies);
    Map<CampaignId, Abandonment.Count> abandonment = new TreeMap<>(Sql.CAMPAIGN_ORDER);
    tallies.forEach(
        (id, t) -> {
          if (t.liveMeasured > 0) {
            abandonment.put(id, new Abandonment.Count(t.liveMeasured, t.abandoned));
          }
        });
    Abandonment.judge(c, abandonment, now, policy);
    clientUsage(c, usage);
    Settlement.settleLocked(c, tallies.keySet(), now);
    return written.size();
  }

  /**
   * Adds the numbers to their clients' do-not-call lists (a number already there stays as it is).
   */
  /** A callee's request not to be called again, heard on {@code call}. */
  record OptOut(ClientId client, PhoneNumber phone, CallId call, Instant at) {}

  static void optOuts(Connection c, List<OptOut> optOuts) throws SQLException {
    if (optOuts.isEmpty()) {
      return;
    }
    Unnest u =
        new Unnest("u")
            .column("client_id", "varchar", optOuts, o -> o.client().value())
            .column("phone", "varchar", optOuts, o -> o.phone().e164())
            .column("added_at", "timestamptz", optOuts, o -> Sql.stamp(o.at()))
            .column("call_id", "varchar", optOuts, o -> o.call().value());
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into do_not_call (client_id, phone, added_at, source, call_id)"
                + " select u.client_id, u.phone, u.added_at, 'call', u.call_id from "
                + u.from()
                + " on conflict do nothing")) {
      u.bind(c, s, 1);
      s.executeUpdate();
    }
  }

  /**
   * Writes the outcome into each call's row, one set-based statement for the batch; a call already
   * closed is left as it is.
   *
   * @return the results written
   */
  private static List<CallResult> endCalls(Connection c, List<CallResult> results)
      throws SQLException {
    Map<String, CallResult> byId = new HashMap<>();
    results.forEach(r -> byId.put(r.callId().value(), r));
    Unnest u =
        new Unnest("u")
            .column("id", "varchar", results, r -> r.callId().value())
            .column("disposition", "varchar", results, r -> r.disposition().wireName())
            .column("duration_s", "float8", results, CallResult::durationSeconds)
            .column("transcript", "text", results, CallResult::transcriptJson)
            .column("intents", "text", results, CallResult::intentsJson)
            .column(
                "error_reason",
                "varchar",
                results,
                r -> r.errorReason().map(ErrorReason::wireName).orElse(null))
            .column("ended_at", "timestamptz", results, r -> Sql.stamp(r.endedAt()))
            .column(
                "answered_by",
                "varchar",
                results,
                r -> r.answeredBy().map(AnsweredBy::wireName).orElse(null))
            .column("end_reason", "varchar", results, r -> r.endReason().wireName())
            .column("provider_status", "int4", results, r -> r.providerStatus().orElse(null))
            .column("first_audio_ms", "int4", results, r -> r.audio().firstAudioMs().orElse(null))
            .column(
                "machine_detection_ms",
                "int4",
                results,
                r -> r.audio().machineDetectionMs().orElse(null))
            .column("dead_air_ms", "int4", results, r -> r.audio().deadAirMs().orElse(null))
            .column(
                "voice_to_voice_ms",
                "text",
                results,
                r -> AudioTimes.arrayLiteral(r.audio().voiceToVoiceMs()))
            .column(
                "endpointing_ms",
                "text",
                results,
                r -> AudioTimes.arrayLiteral(r.audio().endpointingMs()));
    List<CallResult> written = new ArrayList<>(results.size());
    try (PreparedStatement s =
        c.prepareStatement(
            "update call k set disposition = u.disposition, duration_s = u.duration_s,"
                + " transcript = u.transcript::jsonb, intents = u.intents::jsonb,"
                + " error_reason = u.error_reason, ended_at = u.ended_at,"
                + " answered_by = u.answered_by, end_reason = u.end_reason,"
                + " provider_status = u.provider_status, first_audio_ms = u.first_audio_ms,"
                + " machine_detection_ms = u.machine_detection_ms, dead_air_ms = u.dead_air_ms,"
                + " voice_to_voice_ms = u.voice_to_voice_ms::int4[],"
                + " endpointing_ms = u.endpointing_ms::int4[],"
                // post-call analysis runs later, off this path, for people answering an agent
                + " analysis_state = case when u.answered_by = "
                + "'"
                + AnsweredBy.HUMAN.wireName()
                + "' and exists (select 1 from"
                + " campaign a where a.id = k.campaign_id and a.agent_id is not null)"
                + " then "
                + AnalysisState.PENDING.literal()
                + " end"
                + " from "
                + u.from()
                + " where k.id = u.id and k.ended_at is null returning k.id")) {
      u.bind(c, s, 1);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          written.add(byId.get(r.getString(1)));
        }
      }
    }
    return written;
  }

  private static ContactState after(CallResult r, Set<CampaignId> deleted) {
    return ContactState.afterCall(
        r.disposition(), r.doNotCall(), r.retryAt(), deleted.contains(r.campaignId()));
  }

  /** Each called contact final, due again for a retry, or cancelled with its deleted campaign. */
  private static void updateContacts(
      Connection c, List<CallResult> written, Set<CampaignId> deleted) throws SQLException {
    Unnest u =
        new Unnest("u")
            .column("id", "int8", written, CallResult::contactId)
            .column("status", "varchar", written, r -> after(r, deleted).wireName())
            .column("retry_at", "timestamptz", written, r -> Sql.stamp(r.retryAt().orElse(null)))
            .column("disposition", "varchar", written, r -> r.disposition().wireName());
    try (PreparedStatement s =
        c.prepareStatement(
            "update contact t set status = u.status,"
                + " next_attempt_at = coalesce(u.retry_at, t.next_attempt_at),"
                + " last_disposition = u.disposition from "
                + u.from()
                + " where t.id = u.id")) {
      u.bind(c, s, 1);
      s.executeUpdate();
    }
  }

  private static void campaignCounters(Connection c, Map<CampaignId, Tally> tallies)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update campaign set in_flight = greatest(in_flight - ?, 0),"
                + " human_answers = human_answers + ?, voicemails = voicemails + ?,"
                + " errors = errors + ?, no_answer = no_answer + ?,"
                + " talk_seconds = talk_seconds + ?,"
                + " first_audio_calls = first_audio_calls + ?,"
                + " first_audio_ms_total = first_audio_ms_total + ?,"
                + " machine_detection_calls = machine_detection_calls + ?,"
                + " machine_detection_ms_total = machine_detection_ms_total + ?,"
                + " dead_air_calls = dead_air_calls + ?, dead_air_over_2s = dead_air_over_2s + ?,"
                + " first_audio_hist = latency_hist_add(first_audio_hist, ?::int8[]),"
                + " machine_detection_hist ="
                + " latency_hist_add(machine_detection_hist, ?::int8[]),"
                + " voice_to_voice_hist = latency_hist_add(voice_to_voice_hist, ?::int8[]),"
                + " contacts_processed = contacts_processed + ?,"
                + " successful_calls = successful_calls + ?"
                + " where id = ?")) {
      for (var entry : tallies.entrySet()) {
        Tally t = entry.getValue();
        s.setInt(1, t.calls);
        s.setInt(2, t.humans);
        s.setInt(3, t.machines);
        s.setInt(4, t.errors);
        s.setInt(5, t.unreached);
        s.setDouble(6, t.seconds);
        s.setLong(7, t.firstAudioCalls);
        s.setLong(8, t.firstAudioMs);
        s.setLong(9, t.machineDetectionCalls);
        s.setLong(10, t.machineDetectionMs);
        s.setLong(11, t.deadAirCalls);
        s.setLong(12, t.deadAirOverLimit);
        s.setArray(13, histogram(c, t.firstAudioHist));
        s.setArray(14, histogram(c, t.machineDetectionHist));
        s.setArray(15, histogram(c, t.voiceToVoiceHist));
        s.setLong(16, t.progress.contactsProcessed());
        s.setLong(17, t.progress.successfulCalls());
        s.setString(18, entry.getKey().value());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** The batch's counts per bucket, or null (adds nothing) when it measured none. */
  private static java.sql.Array histogram(Connection c, long[] counts) throws SQLException {
    boolean any = false;
    Long[] boxed = new Long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      boxed[i] = counts[i];
      any |= counts[i] != 0;
    }
    return any ? c.createArrayOf("int8", boxed) : null;
  }

  private static void clientUsage(Connection c, Map<List<String>, Tally> usage)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into client_usage (client_id, period, total_calls, total_seconds,"
                + " human_answers, voicemails_dropped) values (?, ?, ?, ?, ?, ?)"
                + " on conflict (client_id, period) do update set"
                + " total_calls = client_usage.total_calls + excluded.total_calls,"
                + " total_seconds = client_usage.total_seconds + excluded.total_seconds,"
                + " human_answers = client_usage.human_answers + excluded.human_answers,"
                + " voicemails_dropped ="
                + " client_usage.voicemails_dropped + excluded.voicemails_dropped")) {
      for (var entry : usage.entrySet()) {
        Tally t = entry.getValue();
        s.setString(1, entry.getKey().get(0));
        s.setString(2, entry.getKey().get(1));
        s.setInt(3, t.calls);
        s.setDouble(4, t.seconds);
        s.setInt(5, t.humans);
        s.setInt(6, t.voicemailsLeft);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Per-campaign or per-usage-row sums of written results. */
  private static final class Tally {
    int calls;
    int humans;
    int machines;
    int errors;
    int unreached;
    int voicemailsLeft;
    double seconds;
    long firstAudioCalls;
    long firstAudioMs;
    long machineDetectionCalls;
    long machineDetectionMs;
    long deadAirCalls;
    long deadAirOverLimit;
    long liveMeasured; // live answers a carrier measured: the abandonment rule's denominator
    long abandoned;
    final long[] firstAudioHist = new long[LatencyHistogram.BUCKETS];
    final long[] machineDetectionHist = new long[LatencyHistogram.BUCKETS];
    final long[] voiceToVoiceHist = new long[LatencyHistogram.BUCKETS];
    CampaignProgress progress = CampaignProgress.NONE;

    /** Counts the call's contact when it became final ({@code state}) with this call. */
    void progress(ContactState state, Disposition last) {
      progress = progress.plus(state, Optional.of(last));
    }

    void add(CallResult r) {
      calls++;
      seconds += r.durationSeconds();
      r.audio()
          .firstAudioMs()
          .ifPresent(
              ms -> {
                firstAudioCalls++;
                firstAudioMs += ms;
                firstAudioHist[LatencyHistogram.bucketOf(ms)]++;
              });
      r.audio()
          .machineDetectionMs()
          .ifPresent(
              ms -> {
                machineDetectionCalls++;
                machineDetectionMs += ms;
                machineDetectionHist[LatencyHistogram.bucketOf(ms)]++;
              });
      r.audio()
          .deadAirMs()
          .ifPresent(
              ms -> {
                deadAirCalls++;
                if (ms > AudioTimes.DEAD_AIR_LIMIT_MS) {
                  deadAirOverLimit++;
                }
              });
      if (r.answeredBy().orElse(null) == AnsweredBy.HUMAN && !r.audio().equals(AudioTimes.NONE)) {
        liveMeasured++;
        if (AbandonmentPolicy.abandoned(r.audio().deadAirMs())) {
          abandoned++;
        }
      }
      for (int ms : r.audio().voiceToVoiceMs()) {
        voiceToVoiceHist[LatencyHistogram.bucketOf(ms)]++;
      }
      switch (r.disposition().category()) {
        case HUMAN -> humans++;
        case MACHINE -> machines++;
        case ERROR -> errors++;
        case UNREACHED -> unreached++;
        case CANCELLED -> {}
      }
      if (r.voicemailLeft()) {
        voicemailsLeft++;
      }
    }
  }
}
