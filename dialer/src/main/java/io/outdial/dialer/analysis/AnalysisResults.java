package io.outdial.dialer.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.DataField;

/**
 * The shape of an analysis: the JSON schema a model is asked to fill for a plan, and what a model's
 * answer is reduced to (the plan's fields only, each of its type or {@code null}).
 */
public final class AnalysisResults {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 4_000;

  private AnalysisResults() {}

  /** The JSON schema of the answer to {@code plan} (strict: every property required). */
  public static ObjectNode schema(AnalysisPlan plan) {
    ObjectNode schema = object();
    ObjectNode properties = (ObjectNode) schema.get("properties");
    ArrayNode required = (ArrayNode) schema.get("required");
    if (plan.summary()) {
      properties.putObject("summary").put("type", "string");
      required.add("summary");
    }
    ObjectNode data = object();
    for (DataField f : plan.structuredData()) {
      ObjectNode field = ((ObjectNode) data.get("properties")).putObject(f.name());
      ArrayNode types = field.putArray("type");
      types.add(f.type().wireName()).add("null");
      f.description().ifPresent(d -> field.put("description", d));
      if (!f.enumValues().isEmpty()) {
        ArrayNode values = field.putArray("enum");
        f.enumValues().forEach(values::add);
        values.addNull();
      }
      ((ArrayNode) data.get("required")).add(f.name());
    }
    properties.set("structured_data", data);
    required.add("structured_data");
    plan.successEvaluation()
        .ifPresent(
            criterion -> {
              ObjectNode success = object();
              ((ObjectNode) success.get("properties")).putObject("success").put("type", "boolean");
              ((ObjectNode) success.get("properties")).putObject("reason").put("type", "string");
              ((ArrayNode) success.get("required")).add("success").add("reason");
              success.put("description", "Success means: " + criterion);
              properties.set("success_evaluation", success);
              required.add("success_evaluation");
            });
    return schema;
  }

  private static ObjectNode object() {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "object");
    node.putObject("properties");
    node.putArray("required");
    node.put("additionalProperties", false);
    return node;
  }

  /**
   * What a model answered, reduced to the plan: unknown members dropped, each field of its type or
   * {@code null} (an enum value the plan does not list is {@code null}).
   *
   * @throws IllegalArgumentException when the answer is not a JSON object
   */
  public static ObjectNode reduce(JsonNode answer, AnalysisPlan plan) {
    if (answer == null || !answer.isObject()) {
      throw new IllegalArgumentException("the model's analysis is not a JSON object");
    }
    ObjectNode result = JSON.createObjectNode();
    if (plan.summary()) {
      JsonNode summary = answer.path("summary");
      if (summary.isTextual()) {
        result.put("summary", clip(summary.asText()));
      } else {
        result.putNull("summary");
      }
    }
    ObjectNode data = result.putObject("structured_data");
    JsonNode given = answer.path("structured_data");
    for (DataField f : plan.structuredData()) {
      JsonNode v = given.path(f.name());
      switch (f.type()) {
        case BOOLEAN -> {
          if (v.isBoolean()) {
            data.put(f.name(), v.asBoolean());
          } else if (v.isTextual() && v.asText().matches("(?i)true|false")) {
            data.put(f.name(), Boolean.parseBoolean(v.asText()));
          } else {
            data.putNull(f.name());
          }
        }
        case INTEGER -> {
          if (v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            data.put(f.name(), v.asLong());
          } else {
            data.putNull(f.name());
          }
        }
        case NUMBER -> {
          if (v.isNumber()) {
            data.set(f.name(), v);
          } else {
            data.putNull(f.name());
          }
        }
        case STRING -> {
          boolean allowed =
              v.isTextual() && (f.enumValues().isEmpty() || f.enumValues().contains(v.asText()));
          if (allowed) {
            data.put(f.name(), clip(v.asText()));
          } else {
            data.putNull(f.name());
          }
        }
      }
    }
    if (plan.successEvaluation().isPresent()) {
      JsonNode s = answer.path("success_evaluation");
      ObjectNode success = result.putObject("success_evaluation");
      if (s.path("success").isBoolean()) {
        success.put("success", s.path("success").asBoolean());
      } else {
        success.putNull("success");
      }
      if (s.path("reason").isTextual()) {
        success.put("reason", clip(s.path("reason").asText()));
      } else {
        success.putNull("reason");
      }
    }
    return result;
  }

  private static String clip(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
  }
}
