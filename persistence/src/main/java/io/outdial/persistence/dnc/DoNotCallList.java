package io.outdial.persistence.dnc;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Clients' do-not-call lists: a number is listed at most once per client, with how and when it was
 * added. Every method is a transaction of its own, committed when it returns, and reads the table
 * itself: a change counts for the dialer's next claim.
 */
public interface DoNotCallList {
  /**
   * Adds one number with {@code source}, unless it is listed already. Of concurrent adds of one
   * number, exactly one is answered {@link Addition.Added}.
   */
  Addition add(ClientId client, NewDoNotCall entry, DoNotCallSource source, Instant now);

  /** How many numbers of a batch were added, and how many were listed already. */
  record BatchAdded(long added, long alreadyListed) {}

  /**
   * Adds a batch of numbers with {@code source} in one statement; numbers listed already (or twice
   * in the batch) are counted, not changed.
   */
  BatchAdded addAll(
      ClientId client, List<NewDoNotCall> entries, DoNotCallSource source, Instant now);

  /** The number's entry on the client's list. */
  Optional<DoNotCallEntry> find(ClientId client, PhoneNumber phone);

  /**
   * Takes the number off the client's list.
   *
   * @return false when it was not listed
   */
  boolean remove(ClientId client, PhoneNumber phone);

  /** A page of the client's list, newest first (then by number), with the list's length. */
  Page<DoNotCallEntry> list(ClientId client, int limit, long offset);
}
