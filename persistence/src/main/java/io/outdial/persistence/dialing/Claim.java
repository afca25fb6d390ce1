package io.outdial.persistence.dialing;

import java.util.List;

/**
 * What one claim did.
 *
 * @param calls the calls to place now
 * @param doNotCall contacts found on the client's do-not-call list: final, never called
 * @param deferred contacts outside their calling hours, moved to their next opening
 * @param exhausted whether the campaign had fewer due contacts than asked for
 */
public record Claim(List<ClaimedCall> calls, int doNotCall, int deferred, boolean exhausted) {
  public static final Claim NOTHING = new Claim(List.of(), 0, 0, true);
}
