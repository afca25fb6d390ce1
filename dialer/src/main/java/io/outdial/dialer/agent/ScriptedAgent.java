package io.outdial.dialer.agent;

import io.outdial.core.contact.Disposition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The default agent: a fixed script, no model. It greets (the campaign's greeting, or a generic one
 * with the contact's first name), asks one qualifying question, and reads the answers with {@link
 * KeywordIntents}. Interest leads to a question about a follow-up time and then a confirmation;
 * every other recognised answer (not interested, call later, wrong number, stop calling) gets a
 * polite closing line and ends the call. It is deterministic, so the simulator's personas always
 * reach the same disposition.
 *
 * <p>The system prompt is not read: a script cannot follow instructions, which is what the model
 * agent is for.
 */
public final class ScriptedAgent implements VoiceAgent {
  /** After this many unrecognised answers the agent stops trying and closes. */
  static final int MAX_UNCLEAR_ANSWERS = 2;

  private final String qualifyingQuestion;

  /** A scripted agent with its default qualifying question. */
  public ScriptedAgent() {
    this("Would you be interested in hearing more about it?");
  }

  /** A scripted agent asking {@code qualifyingQuestion} after the greeting. */
  public ScriptedAgent(String qualifyingQuestion) {
    if (qualifyingQuestion == null || qualifyingQuestion.isBlank()) {
      throw new IllegalArgumentException("qualifyingQuestion must not be blank");
    }
    this.qualifyingQuestion = qualifyingQuestion.strip();
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public CompletionStage<AgentReply> reply(Conversation conversation) {
    return CompletableFuture.completedFuture(next(conversation));
  }

  /** The campaign's greeting and the qualifying question; empty without a campaign greeting. */
  @Override
  public Optional<String> opening(CampaignScript script) {
    return script.greeting().map(greeting -> greeting + " " + qualifyingQuestion);
  }

  /** The same decision as {@link #reply}, synchronously. */
  public AgentReply next(Conversation conversation) {
    Optional<String> heard = conversation.lastUserUtterance();
    if (conversation.assistantTurns() == 0) {
      // The callee may have spoken first ("Hello?"); the opening is the same either way.
      return AgentReply.say(greeting(conversation.script()) + " " + qualifyingQuestion, List.of());
    }
    if (heard.isEmpty()) {
      return AgentReply.say(qualifyingQuestion, List.of());
    }
    String words = heard.get();
    Optional<KeywordIntents.Match> match = KeywordIntents.classify(words);
    boolean offeredFollowUp = interestShownBefore(conversation);
    if (match.isEmpty() && offeredFollowUp) {
      // Any answer to "when suits you?" that is not a refusal is a time: confirm it.
      return confirm(conversation, 0.8);
    }
    if (match.isEmpty() && KeywordIntents.isAffirmative(words)) {
      match = Optional.of(new KeywordIntents.Match(KeywordIntents.Meaning.SCHEDULE, 0.7));
    }
    if (match.isEmpty()) {
      if (unclearAnswers(conversation) > MAX_UNCLEAR_ANSWERS) {
        return AgentReply.close(
            "I'm sorry for the trouble. Thank you for your time, goodbye.",
            List.of(),
            Disposition.HUMAN_NOT_INTERESTED);
      }
      return AgentReply.say("Sorry, I didn't catch that. " + qualifyingQuestion, List.of());
    }
    KeywordIntents.Match m = match.get();
    List<Intent> intents = List.of(m.at(conversation.now()));
    return switch (m.meaning()) {
      case DO_NOT_CALL ->
          AgentReply.close(
              "Understood. We will not call you again. Goodbye.", intents, Disposition.DO_NOT_CALL);
      case WRONG_NUMBER ->
          AgentReply.close(
              "I'm sorry to have bothered you. Have a good day, goodbye.",
              intents,
              Disposition.WRONG_NUMBER);
      case NOT_INTERESTED ->
          AgentReply.close(
              "No problem at all. Thank you for your time, goodbye.",
              intents,
              Disposition.HUMAN_NOT_INTERESTED);
      case TRANSFER -> AgentReply.say("Of course, let me find a colleague for you.", intents);
      case CALLBACK ->
          AgentReply.close(
              "Of course, we will call you back at a better time. Goodbye.",
              intents,
              Disposition.CALLBACK_REQUESTED);
      case SCHEDULE ->
          offeredFollowUp
              ? confirm(conversation, m.confidence())
              : AgentReply.say(
                  "Wonderful. When would be a good time for a short follow-up call?", intents);
    };
  }

  private static AgentReply confirm(Conversation conversation, double confidence) {
    return AgentReply.close(
        "Perfect, I have noted that and someone will confirm shortly. Thank you, goodbye.",
        List.of(new Intent(Intent.SCHEDULE, confidence, conversation.now())),
        Disposition.HUMAN_INTERESTED);
  }

  private static String greeting(CampaignScript script) {
    return script
        .greeting()
        .orElseGet(
            () ->
                script
                    .contactField("first_name")
                    .map(name -> "Hello " + name + ", thank you for taking my call.")
                    .orElse("Hello, thank you for taking my call."));
  }

  /** Whether an earlier answer (not the latest) already showed interest. */
  private static boolean interestShownBefore(Conversation conversation) {
    List<Turn> turns = conversation.transcript();
    boolean latestSeen = false;
    for (int i = turns.size() - 1; i >= 0; i--) {
      Turn t = turns.get(i);
      if (t.role() != Role.USER) {
        continue;
      }
      if (!latestSeen) {
        latestSeen = true;
        continue;
      }
      var m = KeywordIntents.classify(t.content());
      if ((m.isPresent() && m.get().meaning() == KeywordIntents.Meaning.SCHEDULE)
          || (m.isEmpty() && KeywordIntents.isAffirmative(t.content()))) {
        return true;
      }
    }
    return false;
  }

  private static long unclearAnswers(Conversation conversation) {
    return conversation.transcript().stream()
        .filter(t -> t.role() == Role.USER)
        .filter(t -> KeywordIntents.classify(t.content()).isEmpty())
        .filter(t -> !KeywordIntents.isAffirmative(t.content()))
        .count();
  }
}
