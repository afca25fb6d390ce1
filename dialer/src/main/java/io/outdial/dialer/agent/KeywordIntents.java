package io.outdial.dialer.agent;

import io.outdial.core.contact.Disposition;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads intents from the callee's words with fixed phrases: the scripted agent's ear, and the
 * fallback of model agents whose model answered plain text instead of the requested JSON.
 *
 * <p>Checks run from the most binding to the least: a request not to be called again must win over
 * anything else said in the same breath ("not interested, stop calling me"), and "not interested"
 * must win over "interested".
 */
public final class KeywordIntents {
  /** One recognised meaning of an utterance. */
  public enum Meaning {
    DO_NOT_CALL(Intent.DO_NOT_CALL, Disposition.DO_NOT_CALL),
    WRONG_NUMBER(Intent.WRONG_NUMBER, Disposition.WRONG_NUMBER),
    /** The callee asks for a person: the call is transferred to an available human. */
    TRANSFER(Intent.TRANSFER, Disposition.HUMAN_INTERESTED),
    NOT_INTERESTED(Intent.NOT_INTERESTED, Disposition.HUMAN_NOT_INTERESTED),
    CALLBACK(Intent.CALLBACK, Disposition.CALLBACK_REQUESTED),
    /** Interest, or agreement to a follow-up: both read as wanting to schedule. */
    SCHEDULE(Intent.SCHEDULE, Disposition.HUMAN_INTERESTED);

    private final String intent;
    private final Disposition disposition;

    Meaning(String intent, Disposition disposition) {
      this.intent = intent;
      this.disposition = disposition;
    }

    public String intent() {
      return intent;
    }

    public Disposition disposition() {
      return disposition;
    }
  }

  /**
   * A meaning with the confidence the phrase that matched deserves.
   *
   * @param meaning what was understood
   * @param confidence between 0 and 1
   */
  public record Match(Meaning meaning, double confidence) {
    public Match {
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
      }
    }

    public Intent at(Instant timestamp) {
      return new Intent(meaning.intent(), confidence, timestamp);
    }
  }

  private record Rule(Meaning meaning, double confidence, List<String> phrases) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              Meaning.DO_NOT_CALL,
              0.95,
              List.of(
                  "stop calling",
                  "do not call",
                  "don't call",
                  "dont call",
                  "never call",
                  "remove me",
                  "take me off",
                  "unsubscribe")),
          new Rule(
              Meaning.WRONG_NUMBER,
              0.9,
              List.of(
                  "wrong number",
                  "wrong person",
                  "no one by that name",
                  "nobody by that name",
                  "no one here by that name",
                  "nobody here by that name")),
          new Rule(
              Meaning.TRANSFER,
              0.9,
              List.of(
                  "real person",
                  "speak to a person",
                  "talk to a person",
                  "speak to a human",
                  "talk to a human",
                  "speak to someone",
                  "talk to someone",
                  "speak with someone",
                  "talk with someone",
                  "transfer me",
                  "put me through")),
          new Rule(
              Meaning.NOT_INTERESTED,
              0.9,
              List.of("not interested", "no thanks", "no thank you", "not for me", "not looking")),
          new Rule(
              Meaning.CALLBACK,
              0.85,
              List.of(
                  "call me back",
                  "call back",
                  "call me later",
                  "call later",
                  "another time",
                  "bad time",
                  "not a good time",
                  "busy right now")),
          new Rule(
              Meaning.SCHEDULE,
              0.87,
              List.of(
                  "interested",
                  "schedule",
                  "set up a",
                  "book",
                  "tell me more",
                  "sounds good",
                  "works for me",
                  "let's talk",
                  "sign me up")));

  private KeywordIntents() {}

  /** The most binding meaning found in {@code utterance}, if any phrase matched. */
  public static Optional<Match> classify(String utterance) {
    String text = normalise(utterance);
    for (Rule rule : RULES) {
      for (String phrase : rule.phrases()) {
        if (text.contains(phrase)) {
          return Optional.of(new Match(rule.meaning(), rule.confidence()));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the words read as a plain yes, which counts as interest after an offer. */
  public static boolean isAffirmative(String utterance) {
    String text = normalise(utterance);
    return text.startsWith("yes")
        || text.startsWith("yeah")
        || text.startsWith("sure")
        || text.startsWith("okay")
        || text.startsWith("ok ")
        || text.equals("ok");
  }

  private static String normalise(String utterance) {
    return utterance
        .toLowerCase(Locale.ROOT)
        .replace('\u2019', '\'')
        .replaceAll("\\s+", " ")
        .strip();
  }
}
