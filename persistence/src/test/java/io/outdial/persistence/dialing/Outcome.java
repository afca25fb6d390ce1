package io.outdial.persistence.dialing;

import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.contact.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link CallResult} for a claimed call, as the dialer would write it: by default it ended {@link
 * #seconds} after its start with an empty transcript, final (no retry).
 */
final class Outcome {
  private final ClaimedCall call;
  private final Disposition disposition;
  private double seconds = 30;
  private Instant endedAt;
  private String transcript = "[]";
  private String intents = "[]";
  private Optional<ErrorReason> errorReason = Optional.empty();
  private Optional<AnsweredBy> answeredBy = Optional.empty();
  private EndReason endReason = EndReason.AGENT_HANG_UP;
  private boolean voicemailLeft;
  private boolean doNotCall;
  private Optional<Instant> retryAt = Optional.empty();
  private AudioTimes audio = AudioTimes.NONE;

  private Outcome(ClaimedCall call, Disposition disposition) {
    this.call = call;
    this.disposition = disposition;
  }

  static Outcome of(ClaimedCall call, Disposition disposition) {
    return new Outcome(call, disposition);
  }

  Outcome seconds(double value) {
    seconds = value;
    return this;
  }

  Outcome endedAt(Instant value) {
    endedAt = value;
    return this;
  }

  Outcome transcript(String json) {
    transcript = json;
    return this;
  }

  Outcome intents(String json) {
    intents = json;
    return this;
  }

  Outcome error(ErrorReason reason) {
    errorReason = Optional.of(reason);
    endReason = EndReason.PROVIDER_FAILURE;
    return this;
  }

  Outcome answeredBy(AnsweredBy who) {
    answeredBy = Optional.of(who);
    return this;
  }

  Outcome voicemailLeft() {
    voicemailLeft = true;
    return this;
  }

  Outcome doNotCall() {
    doNotCall = true;
    return this;
  }

  Outcome audio(AudioTimes measured) {
    audio = measured;
    return this;
  }

  Outcome retryAt(Instant at) {
    retryAt = Optional.of(at);
    return this;
  }

  Instant end() {
    return endedAt != null
        ? endedAt
        : call.startedAt().plus(Duration.ofMillis(Math.round(seconds * 1000)));
  }

  CallResult result() {
    return new CallResult(
        call.callId(),
        call.campaignId(),
        call.clientId(),
        call.contactId(),
        call.phone(),
        disposition,
        call.startedAt(),
        end(),
        seconds,
        transcript,
        intents,
        errorReason,
        answeredBy,
        endReason,
        Optional.empty(),
        voicemailLeft,
        doNotCall,
        retryAt,
        audio);
  }
}
