package io.outdial.dialer.sim;

/** What a simulated call does after it is placed. */
public enum SimulatedOutcome {
  /** A person answers and talks according to a {@link Persona}. */
  HUMAN,
  /** An answering machine answers, plays a greeting, beeps and records. */
  VOICEMAIL,
  /** It rings until the simulated carrier gives up. */
  NO_ANSWER,
  BUSY,
  /** The simulated carrier fails the call with status 503. */
  FAILED
}
