package io.outdial.persistence.dialing;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The dialer's port for how calls ended: call records, contact states, the campaigns' and clients'
 * counters, the do-not-call list, and completing campaigns with nothing left to dial.
 */
public interface CallOutcomes {
  /**
   * Writes how calls ended, in one transaction: the call records, the contacts (final or due again
   * at their retry time), the campaigns' counters and {@code in_flight}, the clients' monthly usage
   * and their do-not-call lists; campaigns with nothing left to dial become {@code completed}. A
   * call already closed (reclaimed as lost) is left as it is and counts nothing twice, but a
   * do-not-call request it carries is still recorded.
   *
   * @return how many of the results were written
   * @throws OutcomeRejectedException when the database refused a value of the batch
   */
  int complete(List<CallResult> results, Instant now);

  /**
   * Completes those of {@code campaigns} that are done: they have contacts, none of them pending or
   * being dialed, no call in flight and no upload into them running.
   */
  void settle(Collection<CampaignId> campaigns, Instant now);

  /**
   * Puts a number on the client's do-not-call list the moment a callee asks for it, apart from the
   * call's record: the request survives whatever happens to the call afterwards.
   */
  void optOut(ClientId client, PhoneNumber phone, CallId call, Instant at);
}
