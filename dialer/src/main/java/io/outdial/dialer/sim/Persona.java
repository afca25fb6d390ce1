package io.outdial.dialer.sim;

import java.util.List;

/**
 * How a simulated person answers: the lines they say, one each time the agent finishes speaking,
 * then they hang up. The words are chosen so that an agent listening for the intent they carry (the
 * scripted agent, or a model) can recognise it.
 */
public enum Persona {
  INTERESTED(List.of("Yes, I'm interested. Tell me more.", "Tuesday morning works for me.")),
  NOT_INTERESTED(List.of("No thanks, I'm not interested.")),
  CALL_ME_LATER(List.of("I'm busy right now. Can you call me back later?")),
  WRONG_NUMBER(List.of("Sorry, I think you have the wrong number.")),
  STOP_CALLING(List.of("Stop calling me. Please take me off your list."));

  private final List<String> lines;

  Persona(List<String> lines) {
    this.lines = lines;
  }

  /** What this persona says, in order. */
  public List<String> lines() {
    return lines;
  }
}
