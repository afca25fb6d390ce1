package io.outdial.persistence.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How large an integrator's metadata object may be: its compact JSON text in UTF-8 bytes (a
 * setting), at most {@value #MAX_DEPTH} levels of objects and arrays (the object itself is the
 * first) and at most {@value #MAX_MEMBERS} object members and array elements in all.
 */
public final class MetadataBounds {
  /** Levels of nested objects and arrays, the metadata object itself included. */
  public static final int MAX_DEPTH = 16;

  /** Object members and array elements, at every level together. */
  public static final int MAX_MEMBERS = 5_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private MetadataBounds() {}

  /** What is wrong with {@code metadata}, if anything. */
  public sealed interface Verdict {
    /** Within the bounds; {@code json} is its compact text. */
    record Fits(String json) implements Verdict {}

    /** Not a JSON object. */
    record NotAnObject() implements Verdict {}

    /** Its compact JSON text has more than {@code limit} bytes. */
    record TooLarge(long limit) implements Verdict {}

    /** Nested too deep or holds too many members; {@code reason} says which. */
    record TooComplex(String reason) implements Verdict {}
  }

  /** Checks {@code metadata} against the bounds, {@code maxBytes} of compact JSON text. */
  public static Verdict check(JsonNode metadata, long maxBytes) {
    if (metadata == null || !metadata.isObject()) {
      return new Verdict.NotAnObject();
    }
    long[] members = {0};
    if (depth(metadata, members) > MAX_DEPTH) {
      return new Verdict.TooComplex("nests deeper than " + MAX_DEPTH + " levels");
    }
    if (members[0] > MAX_MEMBERS) {
      return new Verdict.TooComplex(
          "holds more than " + MAX_MEMBERS + " members and array elements");
    }
    String json = compact(metadata);
    if (json.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      return new Verdict.TooLarge(maxBytes);
    }
    return new Verdict.Fits(json);
  }

  /** The compact JSON text of {@code node}. */
  public static String compact(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  // levels of containers below and including node; counts members on the way, stops early
  private static int depth(JsonNode node, long[] members) {
    if (!node.isContainerNode()) {
      return 0;
    }
    int deepest = 0;
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        if (++members[0] > MAX_MEMBERS) {
          return deepest + 1;
        }
        deepest = Math.max(deepest, depth(member.getValue(), members));
        if (deepest > MAX_DEPTH) {
          return deepest + 1;
        }
      }
    } else {
      for (JsonNode element : node) {
        if (++members[0] > MAX_MEMBERS) {
          return deepest + 1;
        }
        deepest = Math.max(deepest, depth(element, members));
        if (deepest > MAX_DEPTH) {
          return deepest + 1;
        }
      }
    }
    return deepest + 1;
  }
}
