package io.outdial.dialer.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.DialRules;
import io.outdial.dialer.agent.Intent;
import io.outdial.dialer.agent.Turn;
import io.outdial.dialer.call.CallOutcome;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.persistence.dialing.AudioTimes;
import io.outdial.persistence.dialing.CallResult;
import io.outdial.persistence.dialing.ClaimedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a finished call into the record the work queue writes. */
final class Outcomes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Outcomes() {}

  static CallResult result(ClaimedCall call, CallOutcome outcome, DialRules times) {
    boolean lost = outcome.failureReason().filter(ErrorReason::isDialerFault).isPresent();
    Optional<Instant> retryAt =
        outcome.doNotCall()
            ? Optional.empty()
            : lost
                ? times.retryLostAt(call.phone(), call.attempt(), outcome.endedAt())
                : times.retryAt(
                    call.phone(), call.attempt(), outcome.disposition(), outcome.endedAt());
    return new CallResult(
        call.callId(),
        call.campaignId(),
        call.clientId(),
        call.contactId(),
        call.phone(),
        outcome.disposition(),
        outcome.startedAt(),
        outcome.endedAt(),
        outcome.durationSeconds(),
        transcript(outcome.transcript()),
        intents(outcome.intents()),
        outcome.failureReason(),
        outcome.answeredBy(),
        outcome.endReason(),
        outcome.providerStatus(),
        outcome.voicemailLeft(),
        outcome.doNotCall(),
        retryAt,
        audio(outcome.quality()));
  }

  static AudioTimes audio(MediaQuality quality) {
    return new AudioTimes(
        quality.firstAudio().map(Outcomes::millis),
        quality.machineDetection().map(Outcomes::millis),
        quality.deadAir().map(Outcomes::millis),
        quality.voiceToVoice().stream().map(Outcomes::millis).toList(),
        quality.endpointing().stream().map(Outcomes::millis).toList());
  }

  private static int millis(java.time.Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  static String transcript(List<Turn> turns) {
    List<Map<String, Object>> rows = new ArrayList<>(turns.size());
    for (Turn turn : turns) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("role", turn.role().wireName());
      row.put("content", storable(turn.content()));
      rows.add(row);
    }
    return json(rows);
  }

  static String intents(List<Intent> intents) {
    List<Map<String, Object>> rows = new ArrayList<>(intents.size());
    for (Intent intent : intents) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("intent", intent.intent());
      row.put("confidence", intent.confidence());
      row.put("timestamp", intent.timestamp().toString());
      rows.add(row);
    }
    return json(rows);
  }

  /**
   * A failed placement: the carrier may never have had the call (the dialer's own error), so the
   * contact is retried like a call lost with its server, within the policy's attempts.
   */
  static CallResult failedToDial(ClaimedCall call, Instant at, DialRules times) {
    return new CallResult(
        call.callId(),
        call.campaignId(),
        call.clientId(),
        call.contactId(),
        call.phone(),
        Disposition.FAILED,
        call.startedAt(),
        at.isBefore(call.startedAt()) ? call.startedAt() : at,
        0,
        "[]",
        "[]",
        Optional.of(ErrorReason.DIAL_ERROR),
        Optional.empty(),
        EndReason.PROVIDER_FAILURE,
        Optional.empty(),
        false,
        false,
        times.retryLostAt(call.phone(), call.attempt(), at),
        AudioTimes.NONE);
  }

  /** Text as PostgreSQL's {@code jsonb} stores it: it refuses U+0000, which speech can produce. */
  static String storable(String text) {
    return text.indexOf(0) < 0 ? text : text.replace("\0", "");
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lists of strings and numbers always serialise", e);
    }
  }
}
