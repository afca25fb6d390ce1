package io.outdial.core.job;

import io.outdial.core.WireNames;

/** Where an asynchronous job (an upload) stands: {@code GET /api/v1/jobs/{job_id}}'s status. */
public enum JobStatus {
  /** At work; its progress says how far. */
  RUNNING,
  /** Done; its result says what it did. */
  COMPLETED,
  /** Stopped short; its result says why. */
  FAILED;

  public String wireName() {
    return WireNames.of(this);
  }

  /** {@code 'running'}: the status as an SQL literal. */
  public String literal() {
    return "'" + wireName() + "'";
  }
}
