package io.outdial.media.audio;

import io.outdial.core.call.AnsweredBy;
import java.util.Objects;

/**
 * What {@link AnsweringMachineDetector} concluded, why, and when.
 *
 * @param answeredBy human, machine, or unknown when the audio fitted neither pattern in time
 * @param reason the rule that decided
 * @param decidedAfterMs time from the answer (the detector's first frame) to the decision (for a
 *     withdrawal, to the withdrawal)
 */
public record AmdVerdict(AnsweredBy answeredBy, Reason reason, long decidedAfterMs) {
  /** The rule behind a verdict; each belongs to one {@link AnsweredBy}. */
  public enum Reason {
    /** A short greeting ("Hello?") followed by silence: a person waiting for an answer. */
    SHORT_GREETING(AnsweredBy.HUMAN),
    /** More speech than a person says before waiting for an answer: a recorded greeting. */
    LONG_GREETING(AnsweredBy.MACHINE),
    /** More separate words than a person's greeting has. */
    TOO_MANY_WORDS(AnsweredBy.MACHINE),
    /** A beep before any other verdict: a machine is recording. */
    BEEP(AnsweredBy.MACHINE),
    /**
     * Silence and no beep after a greeting that made a MACHINE verdict but is short enough for a
     * person: someone who answered with their name and waits for an answer. Withdraws the MACHINE
     * verdict.
     */
    WAITED_FOR_ANSWER(AnsweredBy.HUMAN),
    /** Nobody said a word within the initial-silence time. */
    INITIAL_SILENCE(AnsweredBy.UNKNOWN),
    /** The analysis time ran out before any rule decided. */
    ANALYSIS_TIME(AnsweredBy.UNKNOWN);

    private final AnsweredBy answeredBy;

    Reason(AnsweredBy answeredBy) {
      this.answeredBy = answeredBy;
    }

    /** The verdict this rule gives. */
    public AnsweredBy answeredBy() {
      return answeredBy;
    }
  }

  public AmdVerdict {
    Objects.requireNonNull(answeredBy, "answeredBy");
    Objects.requireNonNull(reason, "reason");
    if (reason.answeredBy() != answeredBy) {
      throw new IllegalArgumentException(reason + " does not mean " + answeredBy);
    }
    if (decidedAfterMs < 0) {
      throw new IllegalArgumentException("decidedAfterMs must not be negative: " + decidedAfterMs);
    }
  }

  static AmdVerdict of(Reason reason, long decidedAfterMs) {
    return new AmdVerdict(reason.answeredBy(), reason, decidedAfterMs);
  }
}
