package io.outdial.persistence.dialing;

import io.outdial.persistence.dialing.testing.DialingWorld;
import io.outdial.persistence.dialing.testing.InMemoryDialing;

/** {@link InMemoryDialing} holds the same contract as {@link JdbcCallOutcomes}. */
class InMemoryCallOutcomesTest extends CallOutcomesContract {
  @Override
  protected DialingWorld world() {
    return new InMemoryDialing();
  }
}
