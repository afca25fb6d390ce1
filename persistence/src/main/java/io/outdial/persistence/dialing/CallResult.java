package io.outdial.persistence.dialing;

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
 * @param answeredBy {@code human} or {@code machine} when someone answered
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
    Optional<String> errorReason,
    Optional<String> answeredBy,
    String endReason,
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
  }
}
