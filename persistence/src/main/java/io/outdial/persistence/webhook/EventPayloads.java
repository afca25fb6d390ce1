package io.outdial.persistence.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.contact.ContactField;
import io.outdial.core.webhook.EventType;
import io.outdial.persistence.campaign.ContactColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders event bodies: {@code {id, type, version, timestamp, data}}, {@code data} shaped per type
 * (the shapes are documented in the README and the OpenAPI document). Call events are rendered from
 * the call's and contact's rows as they stand at the first delivery; a call whose row is gone
 * (given back unplaced) has no body.
 */
final class EventPayloads {
  /** The version of the bodies' shape; a change that removes or renames a field raises it. */
  static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventPayloads() {}

  /** An event whose body is wanted. */
  record Pending(String id, EventType type, String subject, String data, Instant createdAt) {}

  /** The bodies of {@code events} that can be rendered, by event id. */
  static Map<String, String> render(Connection c, List<Pending> events) throws SQLException {
    Map<String, JsonNode> calls =
        calls(
            c,
            events.stream()
                .filter(e -> e.type() == EventType.CALL_STARTED || e.type() == EventType.CALL_ENDED)
                .map(Pending::subject)
                .distinct()
                .toList());
    Map<String, JsonNode> jobs =
        jobs(
            c,
            events.stream()
                .filter(e -> e.type() == EventType.JOB_COMPLETED)
                .map(Pending::subject)
                .distinct()
                .toList());
    Map<String, String> bodies = new HashMap<>();
    for (Pending e : events) {
      Optional<JsonNode> data =
          switch (e.type()) {
            case CALL_STARTED ->
                Optional.ofNullable(calls.get(e.subject())).map(EventPayloads::started);
            case CALL_ENDED -> Optional.ofNullable(calls.get(e.subject()));
            case JOB_COMPLETED -> Optional.ofNullable(jobs.get(e.subject()));
            case CAMPAIGN_STATUS_CHANGED,
                CALL_ANALYZED,
                CALL_TRANSFER_STARTED,
                CALL_TRANSFER_COMPLETED,
                CALL_TRANSFER_FAILED ->
                parse(e.data());
          };
      data.ifPresent(
          d -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("id", e.id());
            body.put("type", e.type().wireName());
            body.put("version", VERSION);
            body.put("timestamp", e.createdAt().toString());
            body.set("data", d);
            bodies.put(e.id(), body.toString());
          });
    }
    return bodies;
  }

  /** What is known when a call starts: no outcome yet. */
  private static JsonNode started(JsonNode call) {
    ObjectNode data = JSON.createObjectNode();
    for (String field : List.of("call_id", "campaign_id", "attempt", "started_at", "contact")) {
      data.set(field, call.get(field));
    }
    return data;
  }

  private static Map<String, JsonNode> calls(Connection c, List<String> ids) throws SQLException {
    Map<String, JsonNode> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "select k.id, k.campaign_id, k.attempt, k.started_at, k.ended_at, k.disposition,"
                + " k.duration_s, k.transcript::text, k.intents::text, k.error_reason,"
                + " k.answered_by, k.end_reason, k.first_audio_ms, k.machine_detection_ms,"
                + " k.dead_air_ms, k.metadata::text, "
                + ContactColumns.select("t", ContactField.ALL)
                + ", t.variables::text, t.metadata::text,"
                + " array_to_json(k.voice_to_voice_ms)::text, array_to_json(k.endpointing_ms)::text"
                + " from call k join contact t on t.id = k.contact_id where k.id = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", ids.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode call = JSON.createObjectNode();
          call.put("call_id", r.getString(1));
          call.put("campaign_id", r.getString(2));
          call.put("attempt", r.getInt(3));
          call.put("started_at", Rows.instant(r, "started_at").map(Instant::toString).orElse(null));
          call.put("ended_at", Rows.instant(r, "ended_at").map(Instant::toString).orElse(null));
          call.put("disposition", r.getString(6));
          double duration = r.getDouble(7);
          if (r.wasNull()) {
            call.putNull("duration_s");
          } else {
            call.put("duration_s", duration);
          }
          call.set("transcript", tree(r.getString(8)));
          call.set("intents", tree(r.getString(9)));
          call.put("error_reason", r.getString(10));
          call.put("answered_by", r.getString(11));
          call.put("end_reason", r.getString(12));
          ObjectNode audio = JSON.createObjectNode();
          audio.set("first_audio_ms", integer(r, 13));
          audio.set("machine_detection_ms", integer(r, 14));
          audio.set("dead_air_ms", integer(r, 15));
          audio.set("voice_to_voice_ms", tree(r.getString(25)));
          audio.set("endpointing_ms", tree(r.getString(26)));
          call.set("audio", audio);
          call.set("metadata", tree(r.getString(16)));
          ObjectNode contact = JSON.createObjectNode();
          for (int i = 0; i < ContactField.ALL.size(); i++) {
            String value = r.getString(17 + i);
            if (value != null) {
              contact.put(ContactField.ALL.get(i).wireName(), value);
            }
          }
          contact.set("variables", tree(r.getString(23)));
          contact.set("metadata", tree(r.getString(24)));
          call.set("contact", contact);
          found.put(r.getString(1), call);
        }
      }
    }
    return found;
  }

  private static Map<String, JsonNode> jobs(Connection c, List<String> ids) throws SQLException {
    Map<String, JsonNode> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, type, status, campaign_id, result::text, created_at, completed_at"
                + " from job where id = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", ids.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode job = JSON.createObjectNode();
          job.put("job_id", r.getString(1));
          job.put("type", r.getString(2));
          job.put("status", r.getString(3));
          job.put("campaign_id", r.getString(4));
          job.set("result", tree(r.getString(5)));
          job.put("created_at", Rows.instant(r, "created_at").map(Instant::toString).orElse(null));
          job.put(
              "completed_at", Rows.instant(r, "completed_at").map(Instant::toString).orElse(null));
          found.put(r.getString(1), job);
        }
      }
    }
    return found;
  }

  private static JsonNode integer(ResultSet r, int column) throws SQLException {
    int value = r.getInt(column);
    return r.wasNull() ? JSON.nullNode() : JSON.getNodeFactory().numberNode(value);
  }

  private static JsonNode tree(String json) {
    return parse(json).orElse(JSON.nullNode());
  }

  private static Optional<JsonNode> parse(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON that does not parse", e);
    }
  }
}
