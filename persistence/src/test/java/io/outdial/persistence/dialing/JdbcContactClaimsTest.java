package io.outdial.persistence.dialing;

import io.outdial.persistence.dialing.testing.DialingWorld;

/** {@link JdbcContactClaims} on PostgreSQL holds the contact claims' contract. */
class JdbcContactClaimsTest extends ContactClaimsContract {
  @Override
  protected DialingWorld world() {
    return JdbcDialing.fresh();
  }
}
