package io.outdial.rest.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.outdial.core.ValidationException;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.JobId;
import io.outdial.persistence.campaign.CampaignStore;
import io.outdial.persistence.campaign.NewContact;
import io.outdial.persistence.job.JobStore;
import io.outdial.rest.campaign.ContactFields;
import io.outdial.rest.json.JsonProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a contact upload as a job: validates every row, enqueues the good ones (duplicates are
 * refused by the database), and records the counts and the first row errors as the job's result.
 */
@ApplicationScoped
public class ContactUploads {
  /** How many row errors a job keeps, in row order. */
  static final int MAX_ROW_ERRORS = 100;

  @Inject CampaignStore campaigns;
  @Inject JobStore jobs;
  @Inject ContactFields contactFields;
  @Inject Clock clock;

  /**
   * Uploads {@code rows} (field name to text, one map per contact) into the client's campaign in
   * one transaction, job included.
   *
   * @return empty when the client has no such campaign
   */
  @Transactional
  public Optional<UploadResult> upload(
      ClientId client, CampaignId campaign, List<Map<String, String>> rows) {
    Instant now = clock.instant();
    JobId job = JobId.random();
    List<NewContact> accepted = new ArrayList<>();
    List<UploadResult.RowError> errors = new ArrayList<>();
    long invalid = 0;
    for (int i = 0; i < rows.size(); i++) {
      String refusal;
      try {
        switch (contactFields.parse(rows.get(i), "contact")) {
          case ContactFields.Parsed.Accepted ok -> {
            accepted.add(ok.contact());
            continue;
          }
          case ContactFields.Parsed.Refused refused -> refusal = refused.reason();
        }
      } catch (ValidationException e) {
        refusal = e.getMessage();
      }
      invalid++;
      if (errors.size() < MAX_ROW_ERRORS) {
        errors.add(new UploadResult.RowError(i + 1, refusal));
      }
    }
    jobs.start(job, client, JobStore.CONTACT_UPLOAD, campaign, now);
    Optional<CampaignStore.Enqueued> enqueued =
        campaigns.addContacts(client, campaign, accepted, now);
    if (enqueued.isEmpty()) {
      throw new CampaignGone();
    }
    UploadResult.JobResult result =
        new UploadResult.JobResult(
            enqueued.get().inserted(), enqueued.get().duplicates(), invalid, invalid, errors);
    jobs.complete(job, json(result), clock.instant());
    return Optional.of(
        new UploadResult(
            result.uploaded(), result.duplicatesSkipped(), result.invalidSkipped(), job.value()));
  }

  /** The campaign vanished (or never was the client's): the whole upload rolls back. */
  static final class CampaignGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CampaignGone() {
      super("Campaign not found", null, false, false);
    }
  }

  private static String json(Object value) {
    try {
      return JsonProvider.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job results are plain records", e);
    }
  }
}
