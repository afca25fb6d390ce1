package io.outdial.persistence.dialing;

import io.outdial.persistence.dialing.testing.DialingWorld;

/** {@link JdbcCallOutcomes} on PostgreSQL holds the call outcomes' contract. */
class JdbcCallOutcomesTest extends CallOutcomesContract {
  @Override
  protected DialingWorld world() {
    return JdbcDialing.fresh();
  }
}
