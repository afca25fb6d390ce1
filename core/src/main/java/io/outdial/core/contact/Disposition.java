package io.outdial.core.contact;

import io.outdial.core.WireNames;

/**
 * How a call attempt to a contact ended, as recorded in the audit trail ({@code disposition}).
 * Telephony results (no answer, busy, ...) and the agent's reading of a conversation share one list
 * so that retry rules and stats speak of the same values.
 */
public enum Disposition {
  HUMAN_INTERESTED(Category.HUMAN),
  HUMAN_NOT_INTERESTED(Category.HUMAN),
  CALLBACK_REQUESTED(Category.HUMAN),
  /** The person asked not to be called again; the number goes to the client's do-not-call list. */
  DO_NOT_CALL(Category.HUMAN),
  /** A person answered but is not the contact. */
  WRONG_NUMBER(Category.HUMAN),
  /** A machine answered; a voicemail was dropped if the campaign has one. */
  VOICEMAIL(Category.MACHINE),
  NO_ANSWER(Category.UNREACHED),
  BUSY(Category.UNREACHED),
  /** The telephony provider could not place the call. */
  FAILED(Category.ERROR),
  /** The call was placed but nothing came back in time. */
  TIMEOUT(Category.ERROR),
  /** The campaign was cancelled or deleted while the call was pending or in progress. */
  CANCELLED(Category.CANCELLED);

  /** Coarse grouping used by stats. */
  public enum Category {
    HUMAN,
    MACHINE,
    UNREACHED,
    ERROR,
    CANCELLED
  }

  private final Category category;

  Disposition(Category category) {
    this.category = category;
  }

  public Category category() {
    return category;
  }

  /** Whether a person picked up: counts toward {@code human_answers} and the HAR. */
  public boolean isHumanAnswer() {
    return category == Category.HUMAN;
  }

  public String wireName() {
    return WireNames.of(this);
  }

  /**
   * Parses a wire name; unknown values raise a {@code ValidationException} for {@code disposition}.
   */
  public static Disposition fromWire(String value) {
    return WireNames.parse(values(), Disposition::wireName, "disposition", value);
  }
}
