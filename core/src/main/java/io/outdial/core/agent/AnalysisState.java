package io.outdial.core.agent;

import io.outdial.core.WireNames;

/**
 * Where a call's post-call analysis stands: marked {@link #PENDING} by the outcome of a call a
 * person answered in a campaign with an agent, {@link #RUNNING} once a server claimed it, then
 * {@link #COMPLETED} or {@link #FAILED}. Calls without an analysis have none.
 */
public enum AnalysisState {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED;

  public String wireName() {
    return WireNames.of(this);
  }

  /** {@code 'pending'}: the state as an SQL literal. */
  public String literal() {
    return "'" + wireName() + "'";
  }
}
