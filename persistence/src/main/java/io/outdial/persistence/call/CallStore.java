package io.outdial.persistence.call;

import io.outdial.core.contact.ContactField;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.ContactColumns;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dialing.AudioTimes;
import io.outdial.persistence.jpa.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Call records of one client; calls of deleted campaigns are gone with them. */
@ApplicationScoped
@Transactional
public class CallStore {
  private static final String SELECT =
      "select c.id, c.campaign_id, "
          + ContactColumns.select("ct", ContactField.ALL)
          + ", c.attempt, c.disposition, c.duration_s, c.transcript::text,"
          + " c.intents::text, c.error_reason, c.started_at, c.ended_at, c.first_audio_ms,"
          + " c.machine_detection_ms, c.dead_air_ms, c.metadata::text, ct.metadata::text,"
          + " c.analysis::text, c.analysis_state, c.end_reason, c.end_requested_at,"
          + " (select coalesce(json_agg(json_build_object('transfer_id', x.id, 'status',"
          + " x.status, 'mode', x.mode, 'transfer_target_id', x.target_id, 'human_id',"
          + " x.human_id, 'requested_by', x.requested_by, 'reason', x.failure_reason,"
          + " 'requested_at', x.requested_at, 'bridged_at', x.bridged_at, 'ended_at',"
          + " x.ended_at) order by x.requested_at, x.id), '[]'::json)::text"
          + " from call_transfer x where x.call_id = c.id),"
          // as text: the same through every JDBC and Hibernate array mapping
          + " array_to_string(c.voice_to_voice_ms, ','), array_to_string(c.endpointing_ms, ',')"
          + " from call c join contact ct on ct.id = c.contact_id"
          + " join campaign cp on cp.id = c.campaign_id"
          + " where c.client_id = :client and cp.deleted_at is null";

  @Inject EntityManager em;

  /** This client's call. */
  public Optional<CallRecord> find(ClientId client, CallId id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(SELECT + " and c.id = :id")
            .setParameter("client", client.value())
            .setParameter("id", id.value())
            .getResultList();
    return rows.stream().findFirst().map(CallStore::toRecord);
  }

  /** This client's calls, oldest first, optionally of one campaign. */
  public Page<CallRecord> list(
      ClientId client, Optional<CampaignId> campaign, int limit, int offset) {
    String filter = campaign.isPresent() ? " and c.campaign_id = :campaign" : "";
    Query rows =
        em.createNativeQuery(SELECT + filter + " order by c.started_at, c.id")
            .setParameter("client", client.value())
            .setFirstResult(offset)
            .setMaxResults(limit);
    Query count =
        em.createNativeQuery(
                "select count(*) from call c join campaign cp on cp.id = c.campaign_id"
                    + " where c.client_id = :client and cp.deleted_at is null"
                    + filter)
            .setParameter("client", client.value());
    campaign.ifPresent(
        id -> {
          rows.setParameter("campaign", id.value());
          count.setParameter("campaign", id.value());
        });
    @SuppressWarnings("unchecked")
    List<Object[]> found = rows.getResultList();
    long total = ((Number) count.getSingleResult()).longValue();
    return new Page<>(found.stream().map(CallStore::toRecord).toList(), total);
  }

  private static CallRecord toRecord(Object[] row) {
    Map<String, String> contact = new LinkedHashMap<>();
    for (int i = 0; i < ContactField.ALL.size(); i++) {
      if (row[2 + i] != null) {
        contact.put(ContactField.ALL.get(i).wireName(), (String) row[2 + i]);
      }
    }
    return new CallRecord(
        (String) row[0],
        (String) row[1],
        contact,
        ((Number) row[8]).intValue(),
        Optional.ofNullable((String) row[9]),
        Optional.ofNullable((Number) row[10]).map(Number::doubleValue),
        (String) row[11],
        (String) row[12],
        Optional.ofNullable((String) row[13]),
        Rows.instant(row[14]),
        Optional.ofNullable(row[15]).map(Rows::instant),
        new AudioTimes(
            millis(row[16]), millis(row[17]), millis(row[18]), turns(row[26]), turns(row[27])),
        Optional.ofNullable((String) row[19]),
        row[20] == null ? "{}" : (String) row[20],
        analysis((String) row[21], (String) row[22]),
        Optional.ofNullable((String) row[23]),
        Optional.ofNullable(row[24]).map(Rows::instant),
        row[25] == null ? "[]" : (String) row[25]);
  }

  /** The stored analysis; while it is waiting or running, its state alone. */
  private static Optional<String> analysis(String json, String state) {
    if (state == null) {
      return Optional.empty();
    }
    if (json == null) {
      return Optional.of("{\"status\": \"pending\"}");
    }
    return Optional.of(json);
  }

  /** An {@code integer[]} column read as {@code 640,720}; empty when null. */
  private static List<Integer> turns(Object value) {
    String text = (String) value;
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
  }

  private static Optional<Integer> millis(Object value) {
    return Optional.ofNullable((Number) value).map(Number::intValue);
  }
}
