package io.outdial.dialer.call;

import io.outdial.dialer.agent.Role;
import io.outdial.dialer.agent.Turn;
import java.util.List;
import java.util.Optional;

/**
 * What a human taking a warm transfer hears before the bridge: the integrator's briefing, then a
 * summary of the call so far (the callee's latest words, which carry why they want a person), read
 * by text to speech. Short on purpose: the callee is waiting on hold.
 */
final class Whisper {
  /** How many of the callee's latest turns the summary quotes. */
  static final int TURNS = 3;

  /** Longest quotation of one turn, in characters. */
  static final int TURN_CHARACTERS = 200;

  private Whisper() {}

  /**
   * The briefing, the callee's latest words, and {@code prompt} (how to accept, e.g. "Press 1 to
   * take the call.") or, without one, "Connecting you now."
   */
  static String text(Optional<String> briefing, List<Turn> transcript, Optional<String> prompt) {
    StringBuilder words = new StringBuilder("Incoming transfer from the AI agent.");
    briefing.ifPresent(b -> words.append(' ').append(sentence(b)));
    List<String> said =
        transcript.stream().filter(t -> t.role() == Role.USER).map(Turn::content).toList();
    if (said.isEmpty()) {
      words.append(" The caller has not said anything yet.");
    } else {
      words.append(" The caller said:");
      for (String s : said.subList(Math.max(0, said.size() - TURNS), said.size())) {
        String quoted = s.length() > TURN_CHARACTERS ? s.substring(0, TURN_CHARACTERS) : s;
        words.append(' ').append(sentence(quoted));
      }
    }
    words.append(' ').append(prompt.orElse("Connecting you now."));
    return words.toString();
  }

  private static String sentence(String text) {
    String t = text.strip();
    char last = t.charAt(t.length() - 1);
    return last == '.' || last == '!' || last == '?' ? t : t + ".";
  }
}
