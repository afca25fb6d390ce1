package io.outdial.rest.campaign;

import io.outdial.core.stats.CampaignProgress;
import io.outdial.persistence.campaign.CampaignRecord;
import io.outdial.rest.Times;
import java.time.Instant;

/**
 * The progress fields shared by the campaign and stats views, and their documented meaning (the one
 * definition is core's {@link CampaignProgress}).
 */
record Progress(
    long contactsProcessed,
    long successfulCalls,
    long failedCalls,
    Instant scheduledStart,
    Instant actualStart,
    Instant completedAt) {
  static final String CONTACTS_PROCESSED =
      "Contacts that will not be called again: reached, out of attempts, on the do-not-call"
          + " list or without calling hours. Each contact counts once, however many attempts it"
          + " took; successful_calls + failed_calls = contacts_processed";
  static final String SUCCESSFUL_CALLS =
      "Processed contacts whose last call a person answered (any human disposition, an opt-out"
          + " included)";
  static final String FAILED_CALLS =
      "Processed contacts no person answered: the last call was unanswered, busy, failed, timed"
          + " out or reached voicemail, or the contact was never called (do-not-call list, no"
          + " calling hours)";
  static final String SCHEDULED_START =
      "The start time given at creation (ISO 8601, UTC); null when it started at once";
  static final String ACTUAL_START =
      "When the campaign became active: its first call was placed, or its scheduled time came"
          + " (or it completed without a call to place) (ISO 8601, UTC); null before";
  static final String COMPLETED_AT =
      "When every contact was processed and the campaign became completed (ISO 8601, UTC); null"
          + " otherwise, also for cancelled and failed campaigns";

  static Progress of(CampaignRecord c) {
    CampaignProgress p = c.counters().progress();
    return new Progress(
        p.contactsProcessed(),
        p.successfulCalls(),
        p.failedCalls(),
        c.scheduledStart().map(Times::seconds).orElse(null),
        c.startedAt().map(Times::seconds).orElse(null),
        c.completedAt().map(Times::seconds).orElse(null));
  }
}
