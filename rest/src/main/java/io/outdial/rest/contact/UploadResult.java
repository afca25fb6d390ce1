package io.outdial.rest.contact;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of a finished contact upload: the reference document's counts plus the job's id. */
@Schema(name = "UploadResult")
public record UploadResult(
    long uploaded,
    @JsonProperty("duplicates_skipped") long duplicatesSkipped,
    @JsonProperty("invalid_skipped") long invalidSkipped,
    @JsonProperty("job_id") String jobId) {

  static UploadResult of(JobResult result, io.outdial.core.id.JobId job) {
    return new UploadResult(
        result.uploaded(), result.duplicatesSkipped(), result.invalidSkipped(), job.value());
  }

  /** A refused row: its number (1 = the first contact) and why. */
  public record RowError(long row, String detail) {}

  /** What the job keeps as its result: the counts, the total of errors and the first of them. */
  public record JobResult(
      long uploaded,
      @JsonProperty("duplicates_skipped") long duplicatesSkipped,
      @JsonProperty("invalid_skipped") long invalidSkipped,
      long errors,
      @JsonProperty("row_errors") List<RowError> rowErrors) {}
}
