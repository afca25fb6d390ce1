package io.outdial.persistence.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.DataField;
import io.outdial.core.agent.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link AnalysisPlan} as the JSON of the {@code analysis_plan} column, in the wire's shape:
 * {@code {"summary": true, "structured_data": [{"name", "type", "description", "enum"}],
 * "success_evaluation": "..."}}.
 */
public final class AnalysisPlanJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnalysisPlanJson() {}

  public static String write(AnalysisPlan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("summary", plan.summary());
    ArrayNode fields = root.putArray("structured_data");
    for (DataField f : plan.structuredData()) {
      ObjectNode field = fields.addObject();
      field.put("name", f.name());
      field.put("type", f.type().wireName());
      field.put("description", f.description().orElse(null));
      ArrayNode values = field.putArray("enum");
      f.enumValues().forEach(values::add);
    }
    root.put("success_evaluation", plan.successEvaluation().orElse(null));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of texts is written as JSON", e);
    }
  }

  public static AnalysisPlan read(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      List<DataField> fields = new ArrayList<>();
      for (JsonNode f : root.path("structured_data")) {
        List<String> values = new ArrayList<>();
        f.path("enum").forEach(v -> values.add(v.asText()));
        fields.add(
            new DataField(
                f.path("name").asText(),
                DataType.fromWire("type", f.path("type").asText()),
                text(f.get("description")),
                values));
      }
      return new AnalysisPlan(
          root.path("summary").asBoolean(true), fields, text(root.get("success_evaluation")));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("analysis_plan holds JSON written by write()", e);
    }
  }

  private static Optional<String> text(JsonNode node) {
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
  }
}
