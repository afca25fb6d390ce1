package io.outdial.core.stats;

import io.outdial.core.contact.Disposition;
import io.outdial.core.dialing.ContactState;
import java.util.Optional;

/**
 * A campaign's progress through its contacts ({@code contacts_processed}, {@code successful_calls},
 * {@code failed_calls}), counted per contact, not per call: however many attempts a contact took,
 * it counts once, when it becomes final.
 *
 * <ul>
 *   <li>{@code contacts_processed}: contacts that will not be called again — reached, out of
 *       attempts, on the do-not-call list, or without any calling window.
 *   <li>{@code successful_calls}: processed contacts whose last call a person answered (any human
 *       disposition, an opt-out included).
 *   <li>{@code failed_calls}: the other processed contacts — last call unanswered, busy, failed,
 *       timed out or a voicemail, or never called (do-not-call, no calling window).
 * </ul>
 *
 * So {@code successful_calls + failed_calls = contacts_processed <= total_contacts}.
 *
 * @param contactsProcessed contacts in a final state
 * @param successfulCalls those of them a person answered
 */
public record CampaignProgress(long contactsProcessed, long successfulCalls) {
  public static final CampaignProgress NONE = new CampaignProgress(0, 0);

  public CampaignProgress {
    if (successfulCalls < 0 || contactsProcessed < successfulCalls) {
      throw new IllegalArgumentException(
          "need 0 <= successfulCalls <= contactsProcessed, got "
              + successfulCalls
              + " of "
              + contactsProcessed);
    }
  }

  /** Processed contacts that no person answered. */
  public long failedCalls() {
    return contactsProcessed - successfulCalls;
  }

  /**
   * Whether a contact in {@code state} counts as processed. Contacts cancelled with their campaign
   * do not: a deleted campaign is never shown.
   */
  public static boolean processed(ContactState state) {
    return state.isFinal() && state != ContactState.CANCELLED;
  }

  /**
   * Whether a contact in {@code state} after a last call ending {@code last} counts as a success.
   */
  public static boolean successful(ContactState state, Optional<Disposition> last) {
    return processed(state) && last.filter(Disposition::isHumanAnswer).isPresent();
  }

  /** A copy counting one more processed contact, a successful one or not. */
  public CampaignProgress plus(ContactState state, Optional<Disposition> last) {
    if (!processed(state)) {
      return this;
    }
    return new CampaignProgress(
        contactsProcessed + 1, successfulCalls + (successful(state, last) ? 1 : 0));
  }
}
