package io.outdial.persistence.dialing;

import io.outdial.persistence.dialing.testing.DialingWorld;
import io.outdial.persistence.dialing.testing.InMemoryDialing;

/** {@link InMemoryDialing} holds the same contract as {@link JdbcContactClaims}. */
class InMemoryContactClaimsTest extends ContactClaimsContract {
  @Override
  protected DialingWorld world() {
    return new InMemoryDialing();
  }
}
