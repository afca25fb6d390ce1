package io.outdial.persistence.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396): a patch that is an object changes the target member by member (a
 * member whose value is null removes that member, an object merges into the member's object, any
 * other value replaces it); a patch that is not an object replaces the target whole. Pure: neither
 * argument is changed.
 */
public final class JsonMergePatch {
  private JsonMergePatch() {}

  /**
   * The target with the patch applied.
   *
   * @param target the document patched; null or a non-object counts as an empty object when the
   *     patch is an object
   * @param patch the patch
   * @return a new document (the patch itself, copied, when it is not an object)
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return patch == null ? JsonNodeFactory.instance.nullNode() : patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      if (value.isNull()) {
        result.remove(name);
      } else {
        result.set(name, apply(result.get(name), value));
      }
    }
    return result;
  }
}
