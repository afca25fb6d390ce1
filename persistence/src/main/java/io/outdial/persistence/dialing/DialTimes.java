package io.outdial.persistence.dialing;

import io.outdial.core.contact.Disposition;
import io.outdial.core.contact.PhoneNumber;
import java.time.Instant;
import java.util.Optional;

/** The dialer's rules on when a number may be called, applied by the queue inside its claims. */
public interface DialTimes {
  /**
   * When {@code phone} may be called, at or after {@code now}: {@code now} itself when its calling
   * hours allow it, a later instant when they open later, empty when they never open.
   */
  Optional<Instant> nextAllowed(PhoneNumber phone, Instant now);

  /**
   * When to call again after attempt {@code attemptsMade} ended with {@code outcome} at {@code
   * endedAt}; empty when the contact is final.
   */
  Optional<Instant> retryAt(
      PhoneNumber phone, int attemptsMade, Disposition outcome, Instant endedAt);

  /**
   * When to call again after attempt {@code attemptsMade} was cut off because the server dialing it
   * died: retried like a retryable outcome (the callee did nothing wrong), within the policy's
   * attempts.
   */
  Optional<Instant> retryLostAt(PhoneNumber phone, int attemptsMade, Instant endedAt);
}
