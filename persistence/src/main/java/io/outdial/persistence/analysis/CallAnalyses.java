package io.outdial.persistence.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Calls waiting for their post-call analysis, for the analysis worker of any server. Every method
 * is one transaction; several servers claim at once without taking the same call.
 */
public interface CallAnalyses {
  /**
   * Claims up to {@code max} calls whose analysis is pending, or was claimed more than {@code
   * takeOver} ago by a server that never finished it, oldest first.
   */
  List<AnalysisTask> claim(int max, Instant now, Duration takeOver);

  /**
   * Writes the analysis (a JSON object) as {@code completed} and a {@code call.analyzed} event with
   * it, in one transaction.
   *
   * @return false when the call is no longer this claim's (taken over, or its campaign deleted)
   */
  boolean complete(AnalysisTask task, String analysisJson, Instant now);

  /**
   * Writes the analysis as {@code failed} with {@code error}: the call record keeps everything
   * else.
   *
   * @return false when the call is no longer this claim's
   */
  boolean fail(AnalysisTask task, String error, Instant now);
}
