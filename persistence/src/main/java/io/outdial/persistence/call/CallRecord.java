package io.outdial.persistence.call;

import io.outdial.persistence.dialing.AudioTimes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One call attempt as the audit trail shows it.
 *
 * @param contact the contact's non-empty fields ({@code phone}, {@code first_name}, ...)
 * @param transcriptJson the transcript turns, a JSON array of {@code {role, content}}
 * @param intentsJson the detected intents, a JSON array of {@code {intent, confidence, timestamp}}
 * @param audio what a carrier with audio measured (nothing for the simulator)
 * @param metadataJson the JSON object the integrator wrote back onto the call, if any
 * @param contactMetadataJson the contact's metadata, a JSON object ({@code {}} when none was given)
 * @param analysisJson the post-call analysis, a JSON object with {@code status} ({@code pending},
 *     {@code completed} or {@code failed}); empty for calls that get none
 * @param endReason what ended the call ({@code end_reason}), once it ended
 * @param endRequestedAt when the integrator asked to end the call, if it did
 * @param transfersJson the call's transfers to humans, a JSON array (oldest first; {@code []} when
 *     none)
 */
public record CallRecord(
    String callId,
    String campaignId,
    Map<String, String> contact,
    int attempt,
    Optional<String> disposition,
    Optional<Double> durationSeconds,
    String transcriptJson,
    String intentsJson,
    Optional<String> errorReason,
    Instant startedAt,
    Optional<Instant> endedAt,
    AudioTimes audio,
    Optional<String> metadataJson,
    String contactMetadataJson,
    Optional<String> analysisJson,
    Optional<String> endReason,
    Optional<Instant> endRequestedAt,
    String transfersJson) {}
