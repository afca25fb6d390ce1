package io.outdial.core.dialing;

import io.outdial.core.WireNames;
import io.outdial.core.contact.Disposition;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a contact is in its campaign's dialing: waiting, on a call, or final. The only ways in and
 * out of each state are the methods below; the stores write what these rules decide.
 */
public enum ContactState {
  /** Waiting for its next attempt ({@code next_attempt_at}). */
  PENDING,
  /** On a call now: a call record without an end exists for it. */
  DIALING,
  /** Final: reached, or out of attempts. */
  DONE,
  /** Final: on the client's do-not-call list (before a call, or asked during one). */
  DO_NOT_CALL,
  /** Final: its campaign was deleted before it was reached. */
  CANCELLED,
  /** Final: its calling hours never open (no allowed day). */
  NO_CALLING_WINDOW;

  public String wireName() {
    return WireNames.of(this);
  }

  public static ContactState fromWire(String value) {
    return WireNames.parse(values(), ContactState::wireName, "status", value);
  }

  /** Whether nothing will happen to the contact any more. */
  public boolean isFinal() {
    return this != PENDING && this != DIALING;
  }

  /**
   * The contact's state after a call to it ended.
   *
   * <p>A cancelled call (the dialer hung up because the campaign was deleted) makes the contact
   * {@link #CANCELLED} only when its campaign is deleted: a call of any other campaign that ended
   * {@code cancelled} (which should not happen) leaves the contact due again, never lost.
   *
   * @param retryAt when the retry policy calls again; empty when the contact is final
   * @param campaignDeleted whether the contact's campaign has been deleted meanwhile
   */
  public static ContactState afterCall(
      Disposition disposition,
      boolean doNotCall,
      Optional<Instant> retryAt,
      boolean campaignDeleted) {
    if (campaignDeleted) {
      return CANCELLED;
    }
    if (doNotCall) {
      return DO_NOT_CALL;
    }
    if (retryAt.isPresent() || disposition == Disposition.CANCELLED) {
      return PENDING;
    }
    return DONE;
  }
}
