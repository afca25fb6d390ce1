package io.outdial.dialer.call;

import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.contact.Disposition;
import io.outdial.core.id.CallId;
import io.outdial.dialer.agent.Intent;
import io.outdial.dialer.agent.Turn;
import io.outdial.dialer.spi.MediaQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one call attempt ended: everything the dispatcher writes into the call record.
 *
 * @param callId the attempt
 * @param disposition the audit trail's disposition
 * @param endReason what ended the call
 * @param answeredBy who answered, when someone did
 * @param startedAt when dialing began
 * @param endedAt when the call ended
 * @param transcript the turns spoken, oldest first
 * @param intents the intents heard, oldest first
 * @param failureReason the error reason for failed and timed-out calls ({@code provider_error},
 *     {@code invalid_number}, {@code agent_error}, {@code no_response}, ...)
 * @param providerStatus the carrier's status code when it gave one (e.g. SIP 503)
 * @param doNotCall the callee asked not to be called again: add the number to the client's
 *     do-not-call list
 * @param voicemailLeft the voicemail text was played out after the beep
 * @param quality what the carrier measured about the call's audio (nothing for the simulator)
 */
public record CallOutcome(
    CallId callId,
    Disposition disposition,
    EndReason endReason,
    Optional<AnsweredBy> answeredBy,
    Instant startedAt,
    Instant endedAt,
    List<Turn> transcript,
    List<Intent> intents,
    Optional<ErrorReason> failureReason,
    Optional<Integer> providerStatus,
    boolean doNotCall,
    boolean voicemailLeft,
    MediaQuality quality) {
  public CallOutcome {
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(disposition, "disposition");
    Objects.requireNonNull(endReason, "endReason");
    Objects.requireNonNull(answeredBy, "answeredBy");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    if (endedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "endedAt " + endedAt + " is before startedAt " + startedAt);
    }
    transcript = List.copyOf(transcript);
    intents = List.copyOf(intents);
    Objects.requireNonNull(failureReason, "failureReason");
    Objects.requireNonNull(providerStatus, "providerStatus");
    if (doNotCall && disposition != Disposition.DO_NOT_CALL) {
      throw new IllegalArgumentException("a do-not-call request must have disposition do_not_call");
    }
  }

  /** Call length from dialing to end, in seconds ({@code duration_s}). */
  public double durationSeconds() {
    return Duration.between(startedAt, endedAt).toMillis() / 1000.0;
  }
}
