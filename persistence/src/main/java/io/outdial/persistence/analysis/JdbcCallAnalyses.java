package io.outdial.persistence.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.AnalysisState;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.webhook.EventType;
import io.outdial.persistence.agent.AnalysisPlanJson;
import io.outdial.persistence.dialing.Transactor;
import io.outdial.persistence.webhook.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CallAnalyses} on PostgreSQL: {@code call.analysis_state} moves from {@code pending} to
 * {@code running} (claimed with {@code FOR UPDATE SKIP LOCKED}) to {@code completed} or {@code
 * failed}. The plan is read from the campaign's agent at the claim, so an agent changed since the
 * call is analysed with its new plan.
 */
public final class JdbcCallAnalyses implements CallAnalyses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Transactor tx;

  public JdbcCallAnalyses(Transactor tx) {
    this.tx = Objects.requireNonNull(tx, "tx");
  }

  @Override
  public List<AnalysisTask> claim(int max, Instant now, Duration takeOver) {
    return tx.inTransaction(
        "claim call analyses",
        c -> {
          List<String> ids = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "select id from call where analysis_state = "
                      + AnalysisState.PENDING.literal()
                      + " or (analysis_state = "
                      + AnalysisState.RUNNING.literal()
                      + " and analysis_claimed_at < ?)"
                      + " order by ended_at, id limit ? for update skip locked")) {
            s.setTimestamp(1, Timestamp.from(now.minus(takeOver)));
            s.setInt(2, max);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                ids.add(r.getString(1));
              }
            }
          }
          if (ids.isEmpty()) {
            return List.of();
          }
          List<AnalysisTask> tasks = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "update call k set analysis_state = "
                      + AnalysisState.RUNNING.literal()
                      + ", analysis_claimed_at = ?"
                      + " from campaign cp left join agent a on a.id = cp.agent_id,"
                      + " contact ct where k.id = any(?) and cp.id = k.campaign_id"
                      + " and ct.id = k.contact_id"
                      + " returning k.id, k.client_id, k.campaign_id, k.disposition,"
                      + " ct.first_name, coalesce(k.transcript::text, '[]'),"
                      + " a.analysis_plan::text, a.llm_model, a.llm_temperature,"
                      + " a.system_prompt")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setArray(2, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                double temperature = r.getDouble(9);
                Optional<Double> t = r.wasNull() ? Optional.empty() : Optional.of(temperature);
                tasks.add(
                    new AnalysisTask(
                        CallId.parse(r.getString(1)),
                        ClientId.of(r.getString(2)),
                        CampaignId.parse(r.getString(3)),
                        Optional.ofNullable(r.getString(4)),
                        Optional.ofNullable(r.getString(5)),
                        r.getString(6),
                        Optional.ofNullable(r.getString(7)).map(AnalysisPlanJson::read),
                        new LlmOptions(Optional.ofNullable(r.getString(8)), t),
                        Optional.ofNullable(r.getString(10))));
              }
            }
          }
          return tasks;
        });
  }

  @Override
  public boolean complete(AnalysisTask task, String analysisJson, Instant now) {
    ObjectNode data = JSON.createObjectNode();
    data.put("call_id", task.callId().value());
    data.put("campaign_id", task.campaignId().value());
    try {
      data.set("analysis", JSON.readTree(analysisJson));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the analysis must be a JSON object", e);
    }
    return tx.inTransaction(
        "write a call's analysis",
        c -> {
          if (!finish(c, task, AnalysisState.COMPLETED, analysisJson)) {
            return false;
          }
          Outbox.emit(
              c,
              EventType.CALL_ANALYZED,
              List.of(new Outbox.Event(task.clientId(), task.callId().value(), data.toString())),
              now);
          return true;
        });
  }

  @Override
  public boolean fail(AnalysisTask task, String error, Instant now) {
    ObjectNode failed = JSON.createObjectNode();
    failed.put("status", AnalysisState.FAILED.wireName());
    failed.put("error", error.length() > 500 ? error.substring(0, 500) + "..." : error);
    failed.put("failed_at", now.toString());
    return tx.inTransaction(
        "record a failed call analysis",
        c -> finish(c, task, AnalysisState.FAILED, failed.toString()));
  }

  private static boolean finish(Connection c, AnalysisTask task, AnalysisState state, String json)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update call set analysis_state = ?, analysis = ?::jsonb, analysis_claimed_at = null"
                + " where id = ? and analysis_state = "
                + AnalysisState.RUNNING.literal())) {
      s.setString(1, state.wireName());
      s.setString(2, json);
      s.setString(3, task.callId().value());
      return s.executeUpdate() == 1;
    }
  }
}
