package io.outdial.dialer.sim;

import io.outdial.core.contact.PhoneNumber;
import java.util.Optional;

/**
 * Numbers whose simulated fate is fixed, so that integrators (and tests) can try every outcome on
 * purpose: North American numbers in the {@code 555-01XX} range, which is reserved for fiction and
 * never assigned. The tens digit of {@code XX} chooses the fate:
 *
 * <table>
 *   <caption>Test numbers, e.g. +1 212 555 0150</caption>
 *   <tr><th>{@code 555-01XX}</th><th>fate</th></tr>
 *   <tr><td>{@code 00-09}</td><td>drawn from the configured mix, like any other number</td></tr>
 *   <tr><td>{@code 10-19}</td><td>a person who is interested</td></tr>
 *   <tr><td>{@code 20-29}</td><td>a person who is not interested</td></tr>
 *   <tr><td>{@code 30-39}</td><td>a person who asks to be called later</td></tr>
 *   <tr><td>{@code 40-49}</td><td>a person who says it is the wrong number</td></tr>
 *   <tr><td>{@code 50-59}</td><td>a person who says "stop calling me"</td></tr>
 *   <tr><td>{@code 60-69}</td><td>voicemail</td></tr>
 *   <tr><td>{@code 70-79}</td><td>no answer</td></tr>
 *   <tr><td>{@code 80-89}</td><td>busy</td></tr>
 *   <tr><td>{@code 90-99}</td><td>the carrier fails the call</td></tr>
 * </table>
 *
 * <p>The same fates in {@code 555-02XX} come with a slow agent: every line of the agent, the
 * greeting too, reaches the callee {@link SimulatorConfig#slowAgent()} after the dialer asked for
 * it, so a person answering meets that much dead air (an abandoned call above two seconds).
 */
public final class TestNumbers {
  /** A fixed fate: the outcome, and the persona when a person answers. */
  public record Fate(SimulatedOutcome outcome, Persona persona, boolean slowAgent) {
    public Fate(SimulatedOutcome outcome, Persona persona) {
      this(outcome, persona, false);
    }
  }

  private TestNumbers() {}

  /** The fixed fate of {@code number}, or empty when it is not a test number. */
  public static Optional<Fate> fateOf(PhoneNumber number) {
    String e164 = number.e164();
    // +1 NPA 555 01XX: "+1" + 3 + "555" + "01" + 2 digits = 12 characters
    if (e164.length() != 12
        || !e164.startsWith("+1")
        || !(e164.startsWith("55501", 5) || e164.startsWith("55502", 5))) {
      return Optional.empty();
    }
    boolean slow = e164.charAt(9) == '2';
    int tens = e164.charAt(10) - '0';
    return Optional.ofNullable(
            switch (tens) {
              case 1 -> new Fate(SimulatedOutcome.HUMAN, Persona.INTERESTED);
              case 2 -> new Fate(SimulatedOutcome.HUMAN, Persona.NOT_INTERESTED);
              case 3 -> new Fate(SimulatedOutcome.HUMAN, Persona.CALL_ME_LATER);
              case 4 -> new Fate(SimulatedOutcome.HUMAN, Persona.WRONG_NUMBER);
              case 5 -> new Fate(SimulatedOutcome.HUMAN, Persona.STOP_CALLING);
              case 6 -> new Fate(SimulatedOutcome.VOICEMAIL, Persona.INTERESTED);
              case 7 -> new Fate(SimulatedOutcome.NO_ANSWER, Persona.INTERESTED);
              case 8 -> new Fate(SimulatedOutcome.BUSY, Persona.INTERESTED);
              case 9 -> new Fate(SimulatedOutcome.FAILED, Persona.INTERESTED);
              default -> null;
            })
        .map(f -> slow ? new Fate(f.outcome(), f.persona(), true) : f);
  }
}
