package io.outdial.persistence.dialing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * A contact's metadata as the agent's prompt variables: each top-level member {@code key} becomes
 * the variable {@code metadata.<key>}; text as it is, numbers and booleans as their JSON text
 * ({@code 12}, {@code 1.5}, {@code true}), objects and arrays as compact JSON text; null members
 * are left out.
 */
public final class PromptVariables {
  /** The prefix of variables that come from a contact's metadata. */
  public static final String PREFIX = "metadata.";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PromptVariables() {}

  /**
   * Adds the variables of {@code metadataJson} (a JSON object's text) to {@code fields}, keeping
   * any field of the same name that is there already.
   *
   * @throws IOException when {@code metadataJson} is not JSON
   */
  public static void addMetadata(String metadataJson, Map<String, String> fields)
      throws IOException {
    if (metadataJson == null || metadataJson.length() <= 2) {
      return; // "{}", the usual case, is not parsed at all
    }
    JsonNode metadata = JSON.readTree(metadataJson);
    if (!metadata.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> member : metadata.properties()) {
      JsonNode value = member.getValue();
      if (!value.isNull()) {
        fields.putIfAbsent(PREFIX + member.getKey(), text(value));
      }
    }
  }

  private static String text(JsonNode value) throws JsonProcessingException {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isContainerNode()) {
      return JSON.writeValueAsString(value);
    }
    return value.asText();
  }
}
