package io.outdial.rest.contact;

import io.outdial.core.ValidationException;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.JobId;
import io.outdial.persistence.campaign.CampaignStore;
import io.outdial.persistence.campaign.NewContact;
import io.outdial.persistence.job.JobStore;
import io.outdial.rest.campaign.ContactFields;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns uploaded rows into contacts and stores them a batch at a time: each batch is one insert
 * round trip (and, outside a caller's transaction, one transaction), after which the job reports
 * its progress. Bad rows are counted and the first {@link #MAX_ROW_ERRORS} kept with their numbers.
 */
final class ContactBatcher implements RowHandler {
  static final int BATCH = 1_000;
  static final int MAX_ROW_ERRORS = 100;

  private final ContactFields contactFields;
  private final CampaignStore campaigns;
  private final JobStore jobs;
  private final Clock clock;
  private final ClientId client;
  private final CampaignId campaign;
  private final JobId job;

  private final List<NewContact> batch = new ArrayList<>(BATCH);
  private final List<UploadResult.RowError> errors = new ArrayList<>();
  private long uploaded;
  private long duplicates;
  private long invalid;
  private int progress;

  ContactBatcher(
      ContactFields contactFields,
      CampaignStore campaigns,
      JobStore jobs,
      Clock clock,
      ClientId client,
      CampaignId campaign,
      JobId job) {
    this.contactFields = contactFields;
    this.campaigns = campaigns;
    this.jobs = jobs;
    this.clock = clock;
    this.client = client;
    this.campaign = campaign;
    this.job = job;
  }

  @Override
  public void row(long row, Map<String, String> fields, int progress) {
    this.progress = progress;
    String refusal;
    try {
      switch (contactFields.parse(fields, "contact")) {
        case ContactFields.Parsed.Accepted ok -> {
          batch.add(ok.contact());
          if (batch.size() == BATCH) {
            flush();
          }
          return;
        }
        case ContactFields.Parsed.Refused refused -> refusal = refused.reason();
      }
    } catch (ValidationException e) {
      refusal = e.getMessage();
    }
    invalid++;
    if (errors.size() < MAX_ROW_ERRORS) {
      errors.add(new UploadResult.RowError(row, refusal));
    }
  }

  /** Stores what is left and gives the counts. */
  UploadResult.JobResult finish() {
    flush();
    return result();
  }

  /** The counts so far (for a job that failed part-way). */
  UploadResult.JobResult result() {
    return new UploadResult.JobResult(uploaded, duplicates, invalid, invalid, List.copyOf(errors));
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    CampaignStore.Enqueued enqueued =
        campaigns
            .addContacts(client, campaign, batch, clock.instant())
            .orElseThrow(CampaignGone::new);
    uploaded += enqueued.inserted();
    duplicates += enqueued.duplicates();
    batch.clear();
    jobs.progress(job, progress, clock.instant());
  }

  /** The campaign vanished (or never was the client's) during the upload. */
  static final class CampaignGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CampaignGone() {
      super("Campaign not found", null, false, false);
    }
  }
}
