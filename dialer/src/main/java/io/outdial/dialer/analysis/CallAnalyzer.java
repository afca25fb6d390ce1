package io.outdial.dialer.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.persistence.analysis.AnalysisTask;
import java.util.concurrent.CompletionStage;

/** Runs an analysis plan over one call. */
public interface CallAnalyzer {
  /** Names the analyzer in the result ({@code scripted}, {@code openai}). */
  String name();

  /**
   * The analysis of {@code task} by {@code plan}: {@code summary} (when the plan asks), {@code
   * structured_data} (every field of the plan, {@code null} when not found) and {@code
   * success_evaluation} {@code {success, reason}} (when the plan has one). A failure completes the
   * stage exceptionally.
   */
  CompletionStage<ObjectNode> analyze(AnalysisTask task, AnalysisPlan plan);
}
