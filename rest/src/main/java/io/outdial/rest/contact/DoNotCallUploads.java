package io.outdial.rest.contact;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.contact.PhoneParseResult;
import io.outdial.core.id.ClientId;
import io.outdial.core.id.JobId;
import io.outdial.core.job.JobStatus;
import io.outdial.persistence.dnc.DoNotCallList;
import io.outdial.persistence.dnc.DoNotCallSource;
import io.outdial.persistence.dnc.NewDoNotCall;
import io.outdial.persistence.job.JobStore;
import io.outdial.rest.campaign.ContactFields;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Uploads of numbers into a client's do-not-call list, as jobs ({@link JobStore#DNC_UPLOAD}) on the
 * server's managed executor. The file is read as contact files are ({@link CsvRows}, {@link
 * XlsxRows}: the same limits, the same refusals), with a {@code phone_number} column ({@code phone}
 * too) and an optional {@code reason}; numbers are normalised as contacts' are ({@link
 * ContactFields#phones()}). Rows are stored {@value #BATCH} at a time, each batch one statement and
 * one transaction, so that a failure midway keeps the batches before it (the failed job counts
 * them). The job's result counts the numbers added, those listed already (or repeated in the file)
 * and the invalid rows, the first {@value ContactBatcher#MAX_ROW_ERRORS} of them with their row
 * numbers.
 */
@ApplicationScoped
public class DoNotCallUploads {
  private static final Logger LOG = Logger.getLogger(DoNotCallUploads.class.getName());

  /** Numbers per statement and transaction. */
  static final int BATCH = 1_000;

  private static final String REASON = "reason";

  @Inject DoNotCallList list;
  @Inject JobStore jobs;
  @Inject ContactFields contactFields;
  @Inject UploadFiles files;
  @Inject UploadLimits limits;
  @Inject Clock clock;

  @Resource ManagedExecutorService executor;

  /**
   * The result of a finished job.
   *
   * @param errors the invalid rows again, under the name every job's result uses
   */
  public record JobResult(
      long added,
      @JsonProperty("already_listed") long alreadyListed,
      long invalid,
      long errors,
      @JsonProperty("row_errors") List<UploadResult.RowError> rowErrors) {}

  /** A failed job's result: why, and what was stored before it failed. */
  record Failure(String error, JobResult before) {}

  /** An upload that was accepted: its job, and whether that already ended. */
  public record Accepted(JobId job, String status) {}

  /**
   * Spools the file, starts its job and waits briefly ({@code OUTDIAL_UPLOAD_SYNC_WAIT_MS}) so that
   * a file refused at once (no phone_number column, malformed) is answered as such.
   *
   * @throws WebApplicationException 400 when the file was refused within that wait, 413 when it is
   *     larger than the upload limit, 415 when it is neither CSV nor .xlsx
   */
  public Accepted upload(ClientId client, InputStream content, String fileName)
      throws IOException, InterruptedException {
    Path spooled = files.spool(content);
    UploadFormat format;
    try {
      format = UploadFormat.detect(spooled, fileName);
    } catch (RuntimeException | IOException e) {
      Files.deleteIfExists(spooled);
      throw e;
    }
    JobId job = JobId.random();
    Future<JobResult> result;
    try {
      jobs.startForClient(job, client, JobStore.DNC_UPLOAD, clock.instant());
      result = executor.submit(() -> run(client, job, spooled, format));
    } catch (RuntimeException e) {
      Files.deleteIfExists(spooled); // a job that never ran leaves no file behind
      throw e;
    }
    try {
      result.get(files.syncWait().toMillis(), TimeUnit.MILLISECONDS);
      return new Accepted(job, JobStatus.COMPLETED.wireName());
    } catch (TimeoutException stillRunning) {
      return new Accepted(job, JobStatus.RUNNING.wireName());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebApplicationException refusal) {
        throw refusal;
      }
      return new Accepted(
          job, JobStatus.FAILED.wireName()); // the job tells what failed; the log has the rest
    }
  }

  private JobResult run(ClientId client, JobId job, Path file, UploadFormat format)
      throws IOException {
    Batcher batcher = new Batcher(client, job);
    try {
      PhoneColumn column = PhoneColumn.DO_NOT_CALL;
      switch (format) {
        case CSV -> CsvRows.read(file, limits.rows(), column, batcher);
        case XLSX ->
            XlsxRows.read(file, limits.rows(), limits.maxWorkbookPartBytes(), column, batcher);
      }
      batcher.flush();
      JobResult result = batcher.result();
      jobs.complete(job, ContactUploads.json(result), clock.instant());
      return result;
    } catch (WebApplicationException e) {
      fail(job, new Failure(e.getMessage(), batcher.result()));
      throw e;
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.SEVERE, "Do-not-call upload " + job.value() + " failed", e);
      fail(job, new Failure("Internal error while storing the numbers", batcher.result()));
      throw e;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Marks the job failed; should that fail too, it is failed later as abandoned. */
  private void fail(JobId job, Failure failure) {
    try {
      jobs.fail(job, ContactUploads.json(failure), clock.instant());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not mark upload job " + job.value() + " failed", e);
    }
  }

  /** Checks rows, stores them a batch at a time and keeps the counts. */
  private final class Batcher implements RowHandler {
    private final ClientId client;
    private final JobId job;
    private final PhoneColumn column = PhoneColumn.DO_NOT_CALL;
    private final List<NewDoNotCall> batch = new ArrayList<>(BATCH);
    private final List<UploadResult.RowError> rowErrors = new ArrayList<>();
    private long added;
    private long alreadyListed;
    private long invalid;
    private int progress;
    private Instant progressWritten;

    Batcher(ClientId client, JobId job) {
      this.client = client;
      this.job = job;
      this.progressWritten = clock.instant();
    }

    @Override
    public void row(long row, Map<String, String> fields, int progress) {
      this.progress = progress;
      if (row % BATCH == 0) {
        heartbeat(); // a file of invalid rows alone stores nothing, yet the job is alive
      }
      String raw = column.valueIn(fields);
      if (raw == null) {
        refuse(row, "phone_number is required");
        return;
      }
      PhoneParseResult parsed = contactFields.phones().parse(raw);
      if (parsed.number().isEmpty()) {
        // the parser's reasons name "phone"; the column here is phone_number
        refuse(row, "phone_number" + parsed.reason().orElseThrow().substring("phone".length()));
        return;
      }
      Optional<String> reason = reason(fields);
      if (reason.isPresent() && reason.get().length() > NewDoNotCall.MAX_REASON_LENGTH) {
        refuse(row, "reason must be at most " + NewDoNotCall.MAX_REASON_LENGTH + " characters");
        return;
      }
      batch.add(new NewDoNotCall(parsed.number().get(), reason));
      if (batch.size() == BATCH) {
        flush();
      }
    }

    private Optional<String> reason(Map<String, String> fields) {
      for (Map.Entry<String, String> field : fields.entrySet()) {
        if (field.getKey().strip().toLowerCase(Locale.ROOT).equals(REASON)
            && field.getValue() != null
            && !field.getValue().isBlank()) {
          return Optional.of(field.getValue().strip());
        }
      }
      return Optional.empty();
    }

    private void refuse(long row, String why) {
      invalid++;
      if (rowErrors.size() < ContactBatcher.MAX_ROW_ERRORS) {
        rowErrors.add(new UploadResult.RowError(row, why));
      }
    }

    void flush() {
      if (!batch.isEmpty()) {
        DoNotCallList.BatchAdded stored =
            list.addAll(client, List.copyOf(batch), DoNotCallSource.UPLOAD, clock.instant());
        added += stored.added();
        alreadyListed += stored.alreadyListed();
        batch.clear();
      }
      heartbeat();
    }

    /** Writes the progress, which says that the job is alive, at most every half second. */
    private void heartbeat() {
      Instant now = clock.instant();
      if (!now.isBefore(progressWritten.plus(BatchWriter.PROGRESS_EVERY))) {
        jobs.progress(job, progress, now);
        progressWritten = now;
      }
    }

    JobResult result() {
      return new JobResult(added, alreadyListed, invalid, invalid, List.copyOf(rowErrors));
    }
  }
}
