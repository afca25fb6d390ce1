package io.outdial.persistence.dialing;

import java.util.List;

/**
 * What one claim did for a campaign.
 *
 * @param calls the calls to place now
 * @param doNotCall contacts found on the client's do-not-call list: final, never called
 * @param deferred contacts outside their calling hours, moved to their next opening
 * @param exhausted whether the campaign had fewer due contacts than asked for
 * @param busy whether the campaign was skipped because another transaction held its row; it may
 *     well have due contacts
 */
public record Claim(
    List<ClaimedCall> calls, int doNotCall, int deferred, boolean exhausted, boolean busy) {
  /** Nothing claimed: the campaign is gone, paused or ended. */
  public static final Claim NOTHING = new Claim(List.of(), 0, 0, true, false);

  /** Nothing claimed this time: the campaign's row was held by another transaction. */
  public static final Claim BUSY = new Claim(List.of(), 0, 0, false, true);

  public Claim {
    calls = List.copyOf(calls);
  }
}
