package io.outdial.rest.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.DataField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent's {@code analysis_plan} on the wire, in requests and answers alike. */
@Schema(
    name = "AnalysisPlan",
    description =
        "What post-call analysis makes of every answered call: a summary, structured data fields"
            + " and a success evaluation")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AnalysisPlanBody(
    @Schema(description = "Write a short summary of the call", defaultValue = "true")
        Boolean summary,
    @JsonProperty("structured_data")
        @Schema(description = "Fields extracted from the call, at most 30")
        List<Field> structuredData,
    @JsonProperty("success_evaluation")
        @Schema(
            description =
                "What success means for this agent, e.g. \"the callee agreed to an interview\";"
                    + " absent: no success evaluation")
        String successEvaluation) {

  /** One structured data field. */
  @Schema(name = "AnalysisField")
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Field(
      @Schema(
              required = true,
              description = "snake_case key of the result, e.g. interested",
              pattern = "[a-z][a-z0-9_]{0,63}")
          String name,
      @Schema(
              required = true,
              enumeration = {"string", "number", "integer", "boolean"})
          String type,
      String description,
      @JsonProperty("enum") @Schema(description = "Allowed values (string fields only)")
          List<String> enumValues) {}

  /** The plan a client sent, checked; absent: {@link AnalysisPlan#DEFAULT}. */
  static AnalysisPlan toPlan(AnalysisPlanBody body) {
    if (body == null) {
      return AnalysisPlan.DEFAULT;
    }
    List<DataField> fields = new ArrayList<>();
    List<Field> given = body.structuredData() == null ? List.of() : body.structuredData();
    for (int i = 0; i < given.size(); i++) {
      String where = "analysis_plan.structured_data[" + i + "]";
      Field f = given.get(i);
      if (f == null) {
        throw new io.outdial.core.ValidationException(where, where + " must be an object");
      }
      fields.add(DataField.of(where, f.name(), f.type(), f.description(), f.enumValues()));
    }
    return new AnalysisPlan(
        body.summary() == null || body.summary(),
        fields,
        Optional.ofNullable(body.successEvaluation()));
  }

  static AnalysisPlanBody from(AnalysisPlan plan) {
    return new AnalysisPlanBody(
        plan.summary(),
        plan.structuredData().stream()
            .map(
                f ->
                    new Field(
                        f.name(),
                        f.type().wireName(),
                        f.description().orElse(null),
                        f.enumValues()))
            .toList(),
        plan.successEvaluation().orElse(null));
  }
}
