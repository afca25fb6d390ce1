package io.outdial.dialer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.DataField;
import io.outdial.core.agent.LlmOptions;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.analysis.AnalysisTask;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptedAnalyzerTest {
  private static final String TRANSCRIPT =
      "[{\"role\": \"assistant\", \"content\": \"Hello John. Are you open to new roles?\"},"
          + " {\"role\": \"user\", \"content\": \"Yes, I'm interested.\"},"
          + " {\"role\": \"assistant\", \"content\": \"When suits you?\"},"
          + " {\"role\": \"user\", \"content\": \"Night shifts, maybe 3 days a week.\"}]";

  private static final AnalysisPlan PLAN =
      new AnalysisPlan(
          true,
          List.of(
              DataField.of("f", "interested", "boolean", null, null),
              DataField.of("f", "shift", "string", null, List.of("day", "night")),
              DataField.of("f", "days", "integer", null, null),
              DataField.of("f", "last_words", "string", null, null)),
          Optional.of("The callee agreed to a follow-up"));

  private static AnalysisTask task(String disposition, String transcript) {
    return new AnalysisTask(
        CallId.random(),
        ClientId.of("acme"),
        CampaignId.random(),
        Optional.of(disposition),
        Optional.of("John"),
        transcript,
        Optional.of(PLAN),
        LlmOptions.NONE,
        Optional.empty());
  }

  @Test
  void theSameCallGivesTheSameAnalysisFromWhatTheCalleeSaid() throws Exception {
    ScriptedAnalyzer analyzer = new ScriptedAnalyzer();
    ObjectNode result = analyzer.analyzeNow(task("human_interested", TRANSCRIPT), PLAN);

    assertThat(new ObjectMapper().readTree(result.toString()))
        .as("as sent")
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
                    {"summary": "John answered; the call ended human_interested after 4 turns.\
                     First words: \\"Yes, I'm interested.\\"",
                     "structured_data": {"interested": true, "shift": "night", "days": 3,
                       "last_words": "Night shifts, maybe 3 days a week."},
                     "success_evaluation": {"success": true,
                       "reason": "The call ended human_interested."}}
                    """));
    assertThat(analyzer.analyzeNow(task("human_interested", TRANSCRIPT), PLAN)).isEqualTo(result);
  }

  @Test
  void whatWasNotSaidIsNullAndARefusalIsNoSuccess() {
    ObjectNode result =
        new ScriptedAnalyzer()
            .analyzeNow(
                task("human_not_interested", "[{\"role\": \"user\", \"content\": \"No thanks.\"}]"),
                PLAN);
    assertThat(result.get("structured_data").get("interested").asBoolean()).isFalse();
    assertThat(result.get("structured_data").get("shift").isNull()).isTrue();
    assertThat(result.get("structured_data").get("days").isNull()).isTrue();
    assertThat(result.get("success_evaluation").get("success").asBoolean()).isFalse();
  }

  @Test
  void aPlanWithoutSummaryOrSuccessAsksForNeither() {
    AnalysisPlan bare = new AnalysisPlan(false, List.of(), Optional.empty());
    ObjectNode result =
        new ScriptedAnalyzer().analyzeNow(task("callback_requested", TRANSCRIPT), bare);
    assertThat(result.has("summary")).isFalse();
    assertThat(result.has("success_evaluation")).isFalse();
    assertThat(result.get("structured_data")).isEmpty();
  }
}
