package io.outdial.dialer.agent;

import io.outdial.core.call.AnsweredBy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent is asked about: the script, the transcript so far and the moment of asking.
 *
 * @param script the campaign's script for this contact
 * @param answeredBy who answered, as machine detection currently judges it
 * @param transcript every turn so far, oldest first; empty when the call was just answered
 * @param now when the latest turn was heard: the timestamp for the intents the agent detects
 */
public record Conversation(
    CampaignScript script, AnsweredBy answeredBy, List<Turn> transcript, Instant now) {
  public Conversation {
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(answeredBy, "answeredBy");
    transcript = List.copyOf(transcript);
    Objects.requireNonNull(now, "now");
  }

  /** The callee's most recent words, if they said anything yet. */
  public Optional<String> lastUserUtterance() {
    for (int i = transcript.size() - 1; i >= 0; i--) {
      if (transcript.get(i).role() == Role.USER) {
        return Optional.of(transcript.get(i).content());
      }
    }
    return Optional.empty();
  }

  /** How many times the agent has spoken. */
  public long assistantTurns() {
    return transcript.stream().filter(t -> t.role() == Role.ASSISTANT).count();
  }
}
