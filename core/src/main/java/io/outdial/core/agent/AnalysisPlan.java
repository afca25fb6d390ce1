package io.outdial.core.agent;

import io.outdial.core.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What post-call analysis makes of an answered call: a summary, structured data fields and a
 * success evaluation.
 *
 * @param summary whether a short summary of the call is written
 * @param structuredData the fields extracted, in order, names unique
 * @param successEvaluation what success means for this agent ("the callee agreed to an interview");
 *     empty: no success evaluation
 */
public record AnalysisPlan(
    boolean summary, List<DataField> structuredData, Optional<String> successEvaluation) {
  /** At most this many structured data fields. */
  public static final int MAX_FIELDS = 30;

  static final int MAX_SUCCESS_EVALUATION = 2_000;

  /** A summary, nothing else: the plan of an agent created without one. */
  public static final AnalysisPlan DEFAULT = new AnalysisPlan(true, List.of(), Optional.empty());

  public AnalysisPlan {
    structuredData = List.copyOf(structuredData);
    successEvaluation =
        Objects.requireNonNull(successEvaluation, "successEvaluation")
            .map(String::strip)
            .filter(s -> !s.isEmpty());
    if (structuredData.size() > MAX_FIELDS) {
      throw new ValidationException(
          "analysis_plan.structured_data",
          "analysis_plan.structured_data must have at most " + MAX_FIELDS + " fields");
    }
    var names = new HashSet<String>();
    for (int i = 0; i < structuredData.size(); i++) {
      if (!names.add(structuredData.get(i).name())) {
        String where = "analysis_plan.structured_data[" + i + "].name";
        throw new ValidationException(
            where, where + " repeats '" + structuredData.get(i).name() + "'");
      }
    }
    if (successEvaluation.map(String::length).orElse(0) > MAX_SUCCESS_EVALUATION) {
      throw new ValidationException(
          "analysis_plan.success_evaluation",
          "analysis_plan.success_evaluation must be at most "
              + MAX_SUCCESS_EVALUATION
              + " characters");
    }
  }

  /** Whether the plan asks for anything at all. */
  public boolean isEmpty() {
    return !summary && structuredData.isEmpty() && successEvaluation.isEmpty();
  }
}
