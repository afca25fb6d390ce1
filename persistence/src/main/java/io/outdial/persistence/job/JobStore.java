package io.outdial.persistence.job;

import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.JobId;
import io.outdial.core.job.JobStatus;
import io.outdial.core.webhook.EventType;
import io.outdial.persistence.jpa.Rows;
import io.outdial.persistence.webhook.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Jobs of every client; a client only ever sees its own. */
@ApplicationScoped
@Transactional
public class JobStore {
  /** Job type of a contact upload. */
  public static final String CONTACT_UPLOAD = "contact_upload";

  /** Job type of an upload into a client's do-not-call list. */
  public static final String DNC_UPLOAD = "dnc_upload";

  @Inject EntityManager em;
  @Inject io.outdial.persistence.jpa.PersistenceUnit persistence;

  /**
   * Records an upload into this client's campaign that starts now, unless the campaign has ended,
   * and commits at once, whatever the caller's transaction. The check and the job's insert happen
   * under the campaign's row lock, which the dialer takes too before it completes a campaign; as
   * the dialer completes no campaign with a running upload job, the campaign does not end while the
   * upload runs. The lock is held only for this short transaction: each of the upload's batches
   * takes it again for a moment at its end and checks once more, which refuses the batch should the
   * campaign have ended anyway (deleted, or the job silent for minutes; see {@link
   * io.outdial.persistence.campaign.CampaignStore#addContacts}).
   *
   * <p>A refusal is answered, not thrown: an exception leaving a transactional method is logged by
   * the server as an incident, and a refused upload is an ordinary client error.
   *
   * @return whether the upload started, or why not
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public UploadStart startUpload(JobId id, ClientId client, CampaignId campaign, Instant now) {
    List<?> status =
        em.createNativeQuery(
                "select status from campaign where id = ?1 and client_id = ?2"
                    + " and deleted_at is null for no key update")
            .setParameter(1, campaign.value())
            .setParameter(2, client.value())
            .getResultList();
    if (status.isEmpty()) {
      return new UploadStart.Gone();
    }
    CampaignStatus current = CampaignStatus.fromWire((String) status.get(0));
    if (current.isTerminal()) {
      return new UploadStart.Closed(current);
    }
    start(id, client, CONTACT_UPLOAD, campaign, now);
    return new UploadStart.Started();
  }

  /** Records a job that starts now. */
  public void start(JobId id, ClientId client, String type, CampaignId campaign, Instant now) {
    em.createNativeQuery(
            "insert into job (id, client_id, type, status, progress, campaign_id, created_at,"
                + " started_at, heartbeat_at) values (?1, ?2, ?3, "
                + JobStatus.RUNNING.literal()
                + ", 0, ?4, ?5, ?5, ?5)")
        .setParameter(1, id.value())
        .setParameter(2, client.value())
        .setParameter(3, type)
        .setParameter(4, campaign.value())
        .setParameter(5, now)
        .executeUpdate();
  }

  /**
   * Records a job of the client's that belongs to no campaign (a do-not-call upload), starting now,
   * and commits at once, whatever the caller's transaction.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void startForClient(JobId id, ClientId client, String type, Instant now) {
    em.createNativeQuery(
            "insert into job (id, client_id, type, status, progress, created_at, started_at,"
                + " heartbeat_at) values (?1, ?2, ?3, "
                + JobStatus.RUNNING.literal()
                + ", 0, ?4, ?4, ?4)")
        .setParameter(1, id.value())
        .setParameter(2, client.value())
        .setParameter(3, type)
        .setParameter(4, now)
        .executeUpdate();
  }

  /** Records a running job's progress (0-99), which also says that it is alive. */
  public void progress(JobId id, int percent, Instant now) {
    em.createNativeQuery(
            "update job set progress = greatest(progress, ?2), heartbeat_at = ?3"
                + " where id = ?1 and status = "
                + JobStatus.RUNNING.literal())
        .setParameter(1, id.value())
        .setParameter(2, Math.max(0, Math.min(99, percent)))
        .setParameter(3, now)
        .executeUpdate();
  }

  /**
   * Fails the running jobs that have not reported for {@code silence}: their server stopped or
   * died. They are not resumed: the upload's file lived on that server.
   *
   * @return how many jobs were failed
   */
  public int failAbandoned(java.time.Duration silence, Instant now) {
    @SuppressWarnings("unchecked")
    List<Object[]> failed =
        em.createNativeQuery(
                "update job set status = "
                    + JobStatus.FAILED.literal()
                    + ", completed_at = ?1,"
                    + " result = coalesce(result, '{}'::jsonb) || jsonb_build_object('error',"
                    + " 'The server stopped while the job ran; upload the file again')"
                    + " where status = "
                    + JobStatus.RUNNING.literal()
                    + " and heartbeat_at < ?2 returning id, client_id")
            .setParameter(1, now)
            .setParameter(2, now.minus(silence))
            .getResultList();
    ended(failed, now);
    return failed.size();
  }

  /** Marks a job completed with its result (a JSON object). */
  public void complete(JobId id, String resultJson, Instant now) {
    end(id, JobStatus.COMPLETED, resultJson, now);
  }

  /** Marks a job failed with what is known of why (a JSON object). */
  public void fail(JobId id, String resultJson, Instant now) {
    end(id, JobStatus.FAILED, resultJson, now);
  }

  private void end(JobId id, JobStatus status, String resultJson, Instant now) {
    @SuppressWarnings("unchecked")
    List<Object[]> ended =
        em.createNativeQuery(
                "update job set status = ?2, progress = 100, result = cast(?3 as jsonb),"
                    + " completed_at = ?4 where id = ?1 returning id, client_id")
            .setParameter(1, id.value())
            .setParameter(2, status.wireName())
            .setParameter(3, resultJson)
            .setParameter(4, now)
            .getResultList();
    ended(ended, now);
  }

  /**
   * Tells the clients' webhooks of ended jobs ({@code [id, client_id]} rows), in this transaction.
   */
  private void ended(List<Object[]> jobs, Instant now) {
    if (jobs.isEmpty()) {
      return;
    }
    List<Outbox.Event> events =
        jobs.stream()
            .map(row -> new Outbox.Event(ClientId.of((String) row[1]), (String) row[0], null))
            .toList();
    // the data source's connection in this JTA transaction: committed or rolled back with it
    try (java.sql.Connection c = persistence.dataSource().getConnection()) {
      Outbox.emit(c, EventType.JOB_COMPLETED, events, now);
    } catch (java.sql.SQLException e) {
      throw new jakarta.persistence.PersistenceException(
          "Could not write the job's webhook event", e);
    }
  }

  /** This client's job. */
  public Optional<JobRecord> find(ClientId client, JobId id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, client_id, type, status, progress, campaign_id, result::text,"
                    + " created_at, completed_at from job where id = ?1 and client_id = ?2")
            .setParameter(1, id.value())
            .setParameter(2, client.value())
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            row ->
                new JobRecord(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    (String) row[3],
                    ((Number) row[4]).intValue(),
                    Optional.ofNullable((String) row[5]),
                    Optional.ofNullable((String) row[6]),
                    Rows.instant(row[7]),
                    Optional.ofNullable(row[8]).map(Rows::instant)));
  }
}
