package io.outdial.dialer.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A stored transcript ({@code [{role, content}]}) read back as turns. */
public final class Transcripts {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One turn. */
  public record Line(String role, String content) {
    public boolean byCallee() {
      return "user".equals(role);
    }
  }

  private Transcripts() {}

  public static List<Line> read(String json) {
    List<Line> lines = new ArrayList<>();
    try {
      for (JsonNode turn : JSON.readTree(json)) {
        lines.add(new Line(turn.path("role").asText(""), turn.path("content").asText("")));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a transcript is a JSON array of turns", e);
    }
    return lines;
  }
}
