package io.outdial.persistence.dialing;

import io.outdial.core.call.AnsweredBy;
import io.outdial.core.call.EndReason;
import io.outdial.core.call.ErrorReason;
import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a claimed call ended, as the dialer writes it.
 *
 * @param transcriptJson the turns as a JSON array of {@code {role, content}}
 * @param intentsJson the intents as a JSON array of {@code {intent, confidence, timestamp}}
 * @param errorReason why it failed, for failed and timed-out calls
 * @param answeredBy who answered, when someone did
 * @param endReason what ended the call
 * @param providerStatus the carrier's status code, when it gave one
 * @param voicemailLeft a voicemail was played after the beep
 * @param doNotCall the callee asked not to be called again
 * @param retryAt when to call the contact again; empty when the contact is final
 * @param audio what a carrier with audio measured
 */
public record CallResult(
    CallId callId,
    CampaignId campaignId,
    ClientId clientId,
    long contactId,
    PhoneNumber phone,
    Disposition disposition,
    Instant startedAt,
    Instant endedAt,
    double durationSeconds,
    String transcriptJson,
    String intentsJson,
    Optional<ErrorReason> errorReason,
    Optional<AnsweredBy> answeredBy,
    EndReason endReason,
    Optional<Integer> providerStatus,
    boolean voicemailLeft,
    boolean doNotCall,
    Optional<Instant> retryAt,
    AudioTimes audio) {
  public CallResult {
    Objects.requireNonNull(audio, "audio");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(disposition, "disposition");
    Objects.requireNonNull(retryAt, "retryAt");
    Objects.requireNonNull(errorReason, "errorReason");
    Objects.requireNonNull(answeredBy, "answeredBy");
    Objects.requireNonNull(endReason, "endReason");
  }

  /**
   * This result without its transcript and intents: what is still written when the database refuses
   * those texts, so that the call, its contact and the counters are not lost with them.
   */
  public CallResult withoutTexts() {
    return new CallResult(
        callId,
        campaignId,
        clientId,
        contactId,
        phone,
        disposition,
        startedAt,
        endedAt,
        durationSeconds,
        "[]",
        "[]",
        errorReason,
        answeredBy,
        endReason,
        providerStatus,
        voicemailLeft,
        doNotCall,
        retryAt,
        audio);
  }
}
