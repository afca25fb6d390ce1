package io.outdial.persistence.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outdial.core.agent.AgentConfig;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.DataField;
import io.outdial.core.agent.FirstMessageMode;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.webhook.EventType;
import io.outdial.persistence.agent.JdbcAgentStore;
import io.outdial.persistence.analysis.AnalysisTask;
import io.outdial.persistence.analysis.JdbcCallAnalyses;
import io.outdial.persistence.dialing.testing.DialingWorld;
import io.outdial.persistence.webhook.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link JdbcCallAnalyses} on PostgreSQL: which call records the outcome marks for
 * analysis, how they are claimed once, and that a result (with its {@code call.analyzed} event) or
 * a failure lands on the call record.
 */
class JdbcCallAnalysesTest extends DialingContract {
  private static final String TRANSCRIPT =
      "[{\"role\": \"assistant\", \"content\": \"Hello.\"},"
          + " {\"role\": \"user\", \"content\": \"Yes, night shifts please.\"}]";

  private final PlainTransactor tx = new PlainTransactor(TestDatabase.dataSource());
  private final JdbcCallAnalyses analyses = new JdbcCallAnalyses(tx);
  private final JdbcAgentStore agents = new JdbcAgentStore(tx);
  private final AnalysisPlan plan =
      new AnalysisPlan(
          true,
          List.of(DataField.of("f", "shift", "string", null, List.of("day", "night"))),
          Optional.of("Agreed"));

  @Override
  protected DialingWorld world() {
    return JdbcDialing.fresh();
  }

  private CampaignId campaignWithAgent() throws SQLException {
    CampaignId campaign = world.campaign(CLIENT, 5, 10);
    AgentId agent = AgentId.random();
    agents.create(
        CLIENT,
        agent,
        new AgentConfig(
            "Agent",
            Voice.TARA,
            "You recruit nurses.",
            Optional.empty(),
            Optional.empty(),
            FirstMessageMode.DEFAULT,
            plan,
            new LlmOptions(Optional.of("small-model"), Optional.of(0.5))),
        T);
    sql("update campaign set agent_id = ? where id = ?", agent.value(), campaign.value());
    return campaign;
  }

  private ClaimedCall ended(CampaignId campaign, int phone, AnsweredBy who, Disposition d) {
    world.contacts(campaign, T.minusSeconds(60), phone(phone));
    ClaimedCall call = call(campaign, T, "server-a");
    Outcome outcome = Outcome.of(call, d).transcript(TRANSCRIPT).answeredBy(who);
    world.outcomes().complete(List.of(outcome.result()), outcome.end());
    return call;
  }

  @Test
  void onlyCallsAPersonAnsweredInCampaignsWithAnAgentWaitForAnalysis() throws SQLException {
    CampaignId withAgent = campaignWithAgent();
    ClaimedCall answered = ended(withAgent, 1, AnsweredBy.HUMAN, Disposition.HUMAN_INTERESTED);
    ClaimedCall machine = ended(campaignWithAgent(), 2, AnsweredBy.MACHINE, Disposition.VOICEMAIL);
    CampaignId inline = world.campaign(CLIENT, 5, 10);
    ClaimedCall inlineCall = ended(inline, 3, AnsweredBy.HUMAN, Disposition.HUMAN_INTERESTED);

    assertThat(state(answered)).isEqualTo("pending");
    assertThat(state(machine)).isNull();
    assertThat(state(inlineCall)).isNull();

    List<AnalysisTask> tasks = analyses.claim(10, T.plusSeconds(120), Duration.ofMinutes(5));
    assertThat(tasks)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.callId()).isEqualTo(answered.callId());
              assertThat(t.clientId()).isEqualTo(CLIENT);
              assertThat(t.campaignId()).isEqualTo(withAgent);
              assertThat(t.disposition()).contains("human_interested");
              assertThat(t.plan()).contains(plan);
              assertThat(t.llm().model()).contains("small-model");
              assertThat(t.llm().temperature()).contains(0.5);
              assertThat(t.systemPrompt()).contains("You recruit nurses.");
              assertThat(new ObjectMapper().readTree(t.transcriptJson()))
                  .isEqualTo(new ObjectMapper().readTree(TRANSCRIPT));
            });
    assertThat(state(answered)).isEqualTo("running");
    assertThat(analyses.claim(10, T.plusSeconds(121), Duration.ofMinutes(5)))
        .as("claimed once")
        .isEmpty();
    assertThat(analyses.claim(10, T.plusSeconds(120 + 301), Duration.ofMinutes(5)))
        .as("taken over when its claim is old")
        .extracting(AnalysisTask::callId)
        .containsExactly(answered.callId());
  }

  @Test
  void aResultLandsOnTheCallWithACallAnalyzedEventForSubscribers() throws SQLException {
    CampaignId campaign = campaignWithAgent();
    sql(
        "insert into webhook_endpoint (id, client_id, url, secret, event_types, status,"
            + " created_at, updated_at) values ('wh_analysis', ?, 'https://example.com/h', 's',"
            + " array['call.analyzed'], 'active', now(), now())",
        CLIENT.value());
    ClaimedCall call = ended(campaign, 1, AnsweredBy.HUMAN, Disposition.HUMAN_INTERESTED);
    AnalysisTask task = analyses.claim(10, T.plusSeconds(60), Duration.ofMinutes(5)).get(0);

    String analysis = "{\"status\": \"completed\", \"summary\": \"Keen.\"}";
    assertThat(analyses.complete(task, analysis, T.plusSeconds(61))).isTrue();

    assertThat(state(call)).isEqualTo("completed");
    assertThat(text("select analysis->>'summary' from call where id = ?", call.callId().value()))
        .isEqualTo("Keen.");
    assertThat(
            text(
                "select data->'analysis'->>'summary' from webhook_event where subject = ? and"
                    + " type = ?",
                call.callId().value(),
                EventType.CALL_ANALYZED.wireName()))
        .isEqualTo("Keen.");
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      // the senders expand written events into deliveries, one per subscribed endpoint
      Outbox.expand(c, 100);
    }
    assertThat(
            text(
                "select count(*)::text from webhook_delivery where subject = ?",
                call.callId().value()))
        .isEqualTo("1");
    assertThat(analyses.complete(task, analysis, T.plusSeconds(62))).as("finished once").isFalse();
  }

  @Test
  void aFailureIsRecordedAndTheCallRecordKeepsItsOutcome() throws SQLException {
    CampaignId campaign = campaignWithAgent();
    ClaimedCall call = ended(campaign, 1, AnsweredBy.HUMAN, Disposition.HUMAN_INTERESTED);
    AnalysisTask task = analyses.claim(10, T.plusSeconds(60), Duration.ofMinutes(5)).get(0);

    assertThat(analyses.fail(task, "model unreachable", T.plusSeconds(61))).isTrue();

    assertThat(state(call)).isEqualTo("failed");
    assertThat(text("select analysis->>'error' from call where id = ?", call.callId().value()))
        .isEqualTo("model unreachable");
    assertThat(text("select disposition from call where id = ?", call.callId().value()))
        .isEqualTo("human_interested");
    assertThat(analyses.claim(10, T.plusSeconds(3600), Duration.ofMinutes(5))).isEmpty();
  }

  private static String state(ClaimedCall call) throws SQLException {
    return text("select analysis_state from call where id = ?", call.callId().value());
  }

  private static String text(String sql, String... parameters) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static void sql(String sql, String... parameters) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      s.executeUpdate();
    }
  }
}
