package io.outdial.dialer.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.agent.AnalysisPlan;
import io.outdial.core.agent.DataField;
import io.outdial.persistence.analysis.AnalysisTask;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analyzer that goes with the scripted agent: no model, the same answer for the same call.
 *
 * <ul>
 *   <li>summary: who answered, how the call ended, after how many turns, and the callee's first
 *       words;
 *   <li>a {@code boolean} field: {@code true} when the call ended {@code human_interested}, {@code
 *       false} when it ended not interested, do-not-call or wrong number, else {@code null};
 *   <li>a {@code string} field with {@code enum}: the first of its values the callee said (any
 *       case), else {@code null}; without {@code enum}: the callee's last words;
 *   <li>a {@code number} or {@code integer} field: the first number the callee said;
 *   <li>success: whether the call ended {@code human_interested}.
 * </ul>
 */
public final class ScriptedAnalyzer implements CallAnalyzer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final String INTERESTED = "human_interested";
  private static final Set<String> REFUSED =
      Set.of("human_not_interested", "do_not_call", "wrong_number");

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public CompletionStage<ObjectNode> analyze(AnalysisTask task, AnalysisPlan plan) {
    return CompletableFuture.completedFuture(analyzeNow(task, plan));
  }

  /** The same as {@link #analyze}, synchronously. */
  public ObjectNode analyzeNow(AnalysisTask task, AnalysisPlan plan) {
    List<Transcripts.Line> lines = Transcripts.read(task.transcriptJson());
    List<String> heard =
        lines.stream().filter(Transcripts.Line::byCallee).map(Transcripts.Line::content).toList();
    String disposition = task.disposition().orElse("unknown");
    ObjectNode result = JSON.createObjectNode();
    if (plan.summary()) {
      result.put("summary", summary(task, lines.size(), heard, disposition));
    }
    ObjectNode data = result.putObject("structured_data");
    for (DataField field : plan.structuredData()) {
      switch (field.type()) {
        case BOOLEAN -> {
          if (disposition.equals(INTERESTED)) {
            data.put(field.name(), true);
          } else if (REFUSED.contains(disposition)) {
            data.put(field.name(), false);
          } else {
            data.putNull(field.name());
          }
        }
        case STRING -> {
          Optional<String> value =
              field.enumValues().isEmpty()
                  ? heard.isEmpty() ? Optional.empty() : Optional.of(heard.getLast())
                  : firstSaid(field.enumValues(), heard);
          value.ifPresentOrElse(v -> data.put(field.name(), v), () -> data.putNull(field.name()));
        }
        case NUMBER, INTEGER -> {
          Optional<BigDecimal> number = firstNumber(heard);
          if (number.isEmpty()) {
            data.putNull(field.name());
          } else if (field.type() == io.outdial.core.agent.DataType.INTEGER) {
            data.put(field.name(), number.get().longValue());
          } else {
            data.put(field.name(), number.get());
          }
        }
      }
    }
    plan.successEvaluation()
        .ifPresent(
            criterion -> {
              ObjectNode success = result.putObject("success_evaluation");
              success.put("success", disposition.equals(INTERESTED));
              success.put("reason", "The call ended " + disposition + ".");
            });
    return result;
  }

  private static String summary(
      AnalysisTask task, int turns, List<String> heard, String disposition) {
    StringBuilder s =
        new StringBuilder(task.firstName().orElse("The callee"))
            .append(" answered; the call ended ")
            .append(disposition)
            .append(" after ")
            .append(turns)
            .append(turns == 1 ? " turn." : " turns.");
    if (!heard.isEmpty()) {
      s.append(" First words: \"").append(heard.getFirst()).append("\"");
    }
    return s.toString();
  }

  private static Optional<String> firstSaid(List<String> values, List<String> heard) {
    for (String words : heard) {
      String said = words.toLowerCase(Locale.ROOT);
      int best = Integer.MAX_VALUE;
      String found = null;
      for (String value : values) {
        Matcher m =
            Pattern.compile("\\b" + Pattern.quote(value.toLowerCase(Locale.ROOT)) + "\\b")
                .matcher(said);
        if (m.find() && m.start() < best) {
          best = m.start();
          found = value;
        }
      }
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  private static Optional<BigDecimal> firstNumber(List<String> heard) {
    for (String words : heard) {
      Matcher m = NUMBER.matcher(words);
      if (m.find()) {
        return Optional.of(new BigDecimal(m.group()));
      }
    }
    return Optional.empty();
  }
}
