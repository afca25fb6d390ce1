package io.outdial.dialer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.outdial.core.call.AnsweredBy;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.Disposition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptedAgentTest {
  private static final Instant NOW = Instant.parse("2025-03-15T10:31:02Z");
  private final ScriptedAgent agent = new ScriptedAgent();
  private final CampaignScript noGreeting =
      CampaignScript.of("prompt", Optional.empty(), Optional.empty(), Voice.TARA)
          .forContact(Map.of("first_name", "John"));

  private AgentReply after(String... userLines) {
    List<Turn> transcript = new java.util.ArrayList<>();
    transcript.add(Turn.assistant("Hello. Would you be interested?"));
    for (int i = 0; i < userLines.length; i++) {
      transcript.add(Turn.user(userLines[i]));
      if (i < userLines.length - 1) {
        transcript.add(Turn.assistant("..."));
      }
    }
    return agent.next(new Conversation(noGreeting, AnsweredBy.HUMAN, transcript, NOW));
  }

  @Test
  void opensWithAGreetingNamingTheContactAndTheQualifyingQuestion() {
    AgentReply opening = agent.next(new Conversation(noGreeting, AnsweredBy.HUMAN, List.of(), NOW));
    assertThat(opening.say().orElseThrow())
        .startsWith("Hello John")
        .endsWith("Would you be interested in hearing more about it?");
    assertThat(opening.endCall()).isFalse();
  }

  @Test
  void interestLeadsToAFollowUpQuestionThenAConfirmedSchedule() {
    AgentReply first = after("Sure, tell me more.");
    assertThat(first.endCall()).isFalse();
    assertThat(first.intents()).extracting(Intent::intent).containsExactly(Intent.SCHEDULE);

    AgentReply second = after("Sure, tell me more.", "Thursday at 3 pm.");
    assertThat(second.endCall()).isTrue();
    assertThat(second.disposition()).contains(Disposition.HUMAN_INTERESTED);
    assertThat(second.intents().get(0).timestamp()).isEqualTo(NOW);
  }

  @Test
  void notInterestedIsNotMistakenForInterested() {
    AgentReply reply = after("No, I'm not interested.");
    assertThat(reply.disposition()).contains(Disposition.HUMAN_NOT_INTERESTED);
    assertThat(reply.intents()).extracting(Intent::intent).containsExactly(Intent.NOT_INTERESTED);
  }

  @Test
  void aRequestToStopCallingWinsOverAnythingElseSaid() {
    AgentReply reply = after("I'm not interested, and don't call this number again.");
    assertThat(reply.disposition()).contains(Disposition.DO_NOT_CALL);
    assertThat(reply.endCall()).isTrue();
    assertThat(reply.intents().get(0).confidence()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void askingForAPersonIsATransferIntentAndKeepsTheCallOpen() {
    AgentReply reply = after("Can I talk to a real person, please?");
    assertThat(reply.intents()).extracting(Intent::intent).containsExactly(Intent.TRANSFER);
    assertThat(reply.intents().get(0).confidence()).isGreaterThanOrEqualTo(0.5);
    assertThat(reply.endCall()).isFalse();
    assertThat(reply.say()).hasValueSatisfying(s -> assertThat(s).contains("colleague"));
  }

  @Test
  void callbackAndWrongNumberCloseTheCallWithTheirDispositions() {
    assertThat(after("It's a bad time, call me back tomorrow.").disposition())
        .contains(Disposition.CALLBACK_REQUESTED);
    assertThat(after("There's nobody by that name here, wrong number.").disposition())
        .contains(Disposition.WRONG_NUMBER);
  }

  @Test
  void unclearAnswersAreAskedAgainThenClosedPolitely() {
    AgentReply once = after("Pardon?");
    assertThat(once.endCall()).isFalse();
    assertThat(once.say().orElseThrow()).contains("didn't catch");

    AgentReply gaveUp = after("Pardon?", "What?", "Huh?");
    assertThat(gaveUp.endCall()).isTrue();
    assertThat(gaveUp.disposition()).contains(Disposition.HUMAN_NOT_INTERESTED);
  }
}
