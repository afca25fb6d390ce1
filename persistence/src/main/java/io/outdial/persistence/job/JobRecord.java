package io.outdial.persistence.job;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as its owner sees it.
 *
 * @param status {@code running}, {@code completed} or {@code failed}
 * @param resultJson what the job produced, a JSON object, once it ended
 */
public record JobRecord(
    String jobId,
    String clientId,
    String type,
    String status,
    int progress,
    Optional<String> campaignId,
    Optional<String> resultJson,
    Instant createdAt,
    Optional<Instant> completedAt) {}
