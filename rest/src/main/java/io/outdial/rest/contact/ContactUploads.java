package io.outdial.rest.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.outdial.core.ConflictException;
import io.outdial.core.campaign.CampaignClosedException;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.JobId;
import io.outdial.persistence.campaign.CampaignGoneException;
import io.outdial.persistence.campaign.CampaignStore;
import io.outdial.persistence.job.JobStore;
import io.outdial.persistence.job.UploadStart;
import io.outdial.rest.campaign.ContactFields;
import io.outdial.rest.json.JsonProvider;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs contact uploads as jobs, a batch per transaction, reporting progress. The job is committed
 * first, in a short transaction of its own under the campaign's row lock ({@link
 * JobStore#startUpload}): while it runs, the dialer does not complete the campaign, and the batches
 * lock its row only for a moment each ({@link CampaignStore#addContacts}), so that an upload never
 * holds up dialing. An upload that fails midway keeps the batches stored before, and its job,
 * failed, counts them.
 *
 * <p>A JSON upload runs in the request. A file upload runs on the server's managed executor, so
 * that the request can answer as soon as it is done or, for a large file, at once with 202. A file
 * is read and checked by a second task on the executor while the job's task stores the batches
 * already read ({@link ReadAhead}).
 */
@ApplicationScoped
public class ContactUploads {
  private static final Logger LOG = Logger.getLogger(ContactUploads.class.getName());

  /**
   * A job that has not reported for this long lost its server ({@code
   * OUTDIAL_JOBS_ABANDONED_AFTER_S}, 120 s by default; a batch reports well within it).
   */
  @Inject
  @ConfigProperty(name = "outdial.jobs.abandoned-after-s", defaultValue = "120")
  long abandonedAfterSeconds;

  @Inject CampaignStore campaigns;
  @Inject JobStore jobs;
  @Inject ContactFields contactFields;
  @Inject UploadLimits limits;
  @Inject Clock clock;

  @Resource ManagedExecutorService executor;

  /** A file upload on its way: its job and what it will answer. */
  public record Submitted(JobId job, Future<UploadResult> result) {}

  /** Rows that an upload reads as it stores them: all of them, in order, to {@code handler}. */
  @FunctionalInterface
  interface Rows {
    void readInto(RowHandler handler) throws IOException;
  }

  /**
   * Uploads rows (field name to text, one map per contact, numbered from 1, with their progress)
   * into the client's campaign, in this thread. The rows are read as they are stored, so that
   * memory holds one batch, never the upload: they should have been checked before, as a refusal
   * met on the way fails the job and leaves the batches stored before it.
   *
   * @throws CampaignGoneException when the campaign is not the client's
   * @throws NotFoundException when the campaign was deleted during the upload
   * @throws CampaignClosedException when the campaign has ended
   * @throws IOException when the rows could not be read
   */
  UploadResult uploadRows(ClientId client, CampaignId campaign, Rows rows) throws IOException {
    JobId job = JobId.random();
    start(job, client, campaign);
    BatchWriter writer = writer(client, campaign, job);
    try {
      ContactBatcher batcher = new ContactBatcher(contactFields, writer);
      rows.readInto(batcher);
      batcher.finish();
      return completed(job, writer);
    } catch (RuntimeException e) {
      throw failed(job, writer, e, "Internal error while storing the contacts");
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Contact upload " + job.value() + " failed", e);
      fail(job, new Failure("Internal error while reading the upload", writer.result()));
      throw e;
    }
  }

  /**
   * Starts uploading a spooled file; the file is deleted when the job ends.
   *
   * @throws CampaignGoneException when the campaign is not the client's
   * @throws CampaignClosedException when the campaign has ended
   */
  public Submitted uploadFile(
      ClientId client, CampaignId campaign, Path file, UploadFormat format) {
    JobId job = JobId.random();
    start(job, client, campaign);
    Future<UploadResult> result =
        executor.submit(() -> runFile(client, campaign, job, file, format));
    return new Submitted(job, result);
  }

  /** Records the upload's job; throws, outside the job's transaction, when it cannot start. */
  private void start(JobId job, ClientId client, CampaignId campaign) {
    switch (jobs.startUpload(job, client, campaign, clock.instant())) {
      case UploadStart.Started started -> {}
      case UploadStart.Gone gone -> throw new CampaignGoneException();
      case UploadStart.Closed closed -> throw new CampaignClosedException(closed.status());
    }
  }

  private UploadResult runFile(
      ClientId client, CampaignId campaign, JobId job, Path file, UploadFormat format)
      throws IOException, InterruptedException {
    BatchWriter writer = writer(client, campaign, job);
    ReadAhead ahead = new ReadAhead();
    Future<?> reading = null;
    try {
      reading = executor.submit(() -> read(file, format, ahead));
      ahead.drainInto(writer);
      return completed(job, writer);
    } catch (RuntimeException e) {
      throw failed(job, writer, e, "Internal error while reading the file");
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Contact upload " + job.value() + " failed", e);
      fail(job, new Failure("Internal error while reading the file", writer.result()));
      throw e;
    } finally {
      ahead.stop();
      awaitQuietly(reading);
      Files.deleteIfExists(file);
    }
  }

  /** The reading task: rows checked and cut into batches, handed to the job's task. */
  private void read(Path file, UploadFormat format, ReadAhead ahead) {
    try {
      ContactBatcher batcher = new ContactBatcher(contactFields, ahead);
      switch (format) {
        case CSV -> CsvRows.read(file, limits.rows(), batcher);
        case XLSX -> XlsxRows.read(file, limits.rows(), limits.maxWorkbookPartBytes(), batcher);
      }
      batcher.finish();
      ahead.end();
    } catch (ReadAhead.Stopped stopped) {
      // the job's task gave up (and says why): nothing more to read
    } catch (Throwable e) {
      try {
        ahead.fail(e);
      } catch (ReadAhead.Stopped stopped) {
        // the job's task already gave up
      }
    }
  }

  /** Waits for the reading task to end (it ends soon once {@link ReadAhead#stop} was called). */
  private static void awaitQuietly(Future<?> reading) throws InterruptedException {
    if (reading == null) {
      return;
    }
    try {
      reading.get();
    } catch (ExecutionException | CancellationException e) {
      // the reading task passes its failures on through the ReadAhead, not through its future
    }
  }

  /** Marks the job completed with the counts of every batch stored; what the request answers. */
  private UploadResult completed(JobId job, BatchWriter writer) {
    UploadResult.JobResult result = writer.result();
    jobs.complete(job, json(result), clock.instant());
    return UploadResult.of(result, job);
  }

  /**
   * Marks the job failed with why and the counts of the batches stored before {@code e} (they
   * stay), and gives what the request throws: 404 when the campaign was deleted meanwhile, a
   * refusal (409 for a campaign that ended, 400 for a malformed file) as it is, anything else as it
   * is after logging it ({@code internalError} is what the job tells of it).
   */
  private RuntimeException failed(
      JobId job, BatchWriter writer, RuntimeException e, String internalError) {
    if (e instanceof CampaignGoneException) {
      fail(job, new Failure("Campaign not found", writer.result()));
      return new NotFoundException("Campaign not found");
    }
    if (e instanceof WebApplicationException || e instanceof ConflictException) {
      fail(job, new Failure(e.getMessage(), writer.result()));
      return e;
    }
    LOG.log(Level.SEVERE, "Contact upload " + job.value() + " failed", e);
    fail(job, new Failure(internalError, writer.result()));
    return e;
  }

  /**
   * Marks the job failed. Should that fail too (the database is away), the job is failed later as
   * abandoned, once silent for {@link #abandonedAfterSeconds}.
   */
  private void fail(JobId job, Failure failure) {
    try {
      jobs.fail(job, json(failure), clock.instant());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not mark upload job " + job.value() + " failed", e);
    }
  }

  /** A failed job's result: why, and what was stored before it failed. */
  record Failure(String error, UploadResult.JobResult before) {}

  void atStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    failAbandonedJobs();
  }

  /** Fails jobs whose server died, so that none stays "running" for ever. */
  public void failAbandonedJobs() {
    int failed =
        jobs.failAbandoned(Duration.ofSeconds(Math.max(1, abandonedAfterSeconds)), clock.instant());
    if (failed > 0) {
      LOG.warning(failed + " upload job(s) lost their server and were marked failed");
    }
  }

  private BatchWriter writer(ClientId client, CampaignId campaign, JobId job) {
    return new BatchWriter(campaigns, jobs, clock, client, campaign, job);
  }

  static String json(Object value) {
    try {
      return JsonProvider.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job results are plain records", e);
    }
  }
}
