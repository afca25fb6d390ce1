package io.outdial.rest.contact;

import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.JobId;
import io.outdial.persistence.campaign.CampaignStore;
import io.outdial.persistence.job.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Stores an upload's batches into the campaign, each in one call of {@link
 * CampaignStore#addContacts} (one transaction, unless the caller has one), and keeps the job's
 * counts: those of the rows stored so far. The job's progress, which is also its heartbeat, is
 * written at most every {@link #PROGRESS_EVERY}.
 *
 * <p>{@link #accept} throws {@link io.outdial.persistence.campaign.CampaignGoneException} when the
 * campaign was deleted meanwhile and {@link io.outdial.core.campaign.CampaignClosedException} when
 * it ended; the batch is then not stored, those before it stay.
 */
final class BatchWriter implements ContactBatcher.Sink {
  static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

  private final CampaignStore campaigns;
  private final JobStore jobs;
  private final Clock clock;
  private final ClientId client;
  private final CampaignId campaign;
  private final JobId job;

  private long uploaded;
  private long duplicates;
  private long invalid;
  private List<UploadResult.RowError> errors = List.of();
  private Instant progressWritten;

  BatchWriter(
      CampaignStore campaigns,
      JobStore jobs,
      Clock clock,
      ClientId client,
      CampaignId campaign,
      JobId job) {
    this.campaigns = campaigns;
    this.jobs = jobs;
    this.clock = clock;
    this.client = client;
    this.campaign = campaign;
    this.job = job;
    this.progressWritten = clock.instant();
  }

  @Override
  public void accept(ContactBatcher.Batch batch) {
    if (!batch.contacts().isEmpty()) {
      CampaignStore.Enqueued enqueued =
          campaigns.addContacts(client, campaign, batch.contacts(), clock.instant());
      uploaded += enqueued.inserted();
      duplicates += enqueued.duplicates();
    }
    invalid = batch.invalid();
    errors = batch.errors();
    Instant now = clock.instant();
    if (!now.isBefore(progressWritten.plus(PROGRESS_EVERY))) {
      jobs.progress(job, batch.progress(), now);
      progressWritten = now;
    }
  }

  /** The counts of what was stored so far (all of it once the last batch is in). */
  UploadResult.JobResult result() {
    return new UploadResult.JobResult(uploaded, duplicates, invalid, invalid, errors);
  }
}
