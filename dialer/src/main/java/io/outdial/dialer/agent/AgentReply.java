package io.outdial.dialer.agent;

import io.outdial.core.contact.Disposition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's answer to one turn.
 *
 * @param say what to speak next; empty to stay silent (e.g. only ending the call)
 * @param intents what the agent heard in the callee's latest words
 * @param disposition the call's disposition once the agent knows it; only dispositions of a human
 *     conversation, since telephony results (voicemail, busy, ...) are not the agent's to decide
 * @param endCall hang up once {@code say} has been spoken
 */
public record AgentReply(
    Optional<String> say,
    List<Intent> intents,
    Optional<Disposition> disposition,
    boolean endCall) {
  public AgentReply {
    say = Objects.requireNonNull(say, "say").map(String::strip).filter(s -> !s.isEmpty());
    intents = List.copyOf(intents);
    Objects.requireNonNull(disposition, "disposition");
    disposition.ifPresent(
        d -> {
          if (!d.isHumanAnswer()) {
            throw new IllegalArgumentException(
                "an agent decides only human dispositions, not " + d.wireName());
          }
        });
    if (say.isEmpty() && !endCall) {
      throw new IllegalArgumentException("a reply must say something or end the call");
    }
  }

  /** Speak and wait for the callee. */
  public static AgentReply say(String text, List<Intent> intents) {
    return new AgentReply(Optional.of(text), intents, Optional.empty(), false);
  }

  /** Speak a closing line, then hang up with {@code disposition}. */
  public static AgentReply close(String text, List<Intent> intents, Disposition disposition) {
    return new AgentReply(Optional.of(text), intents, Optional.of(disposition), true);
  }
}
