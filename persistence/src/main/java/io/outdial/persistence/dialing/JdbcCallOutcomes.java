package io.outdial.persistence.dialing;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.dialing.AbandonmentPolicy;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** {@link CallOutcomes} on PostgreSQL. */
public final class JdbcCallOutcomes implements CallOutcomes {
  /** An outcome waits this long at most for a campaign row, then the batch is retried. */
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

  private final Transactor tx;
  private final AbandonmentPolicy abandonment;

  public JdbcCallOutcomes(Transactor tx) {
    this(tx, AbandonmentPolicy.DEFAULT);
  }

  /** Outcomes whose campaigns are held to {@code abandonment}. */
  public JdbcCallOutcomes(Transactor tx, AbandonmentPolicy abandonment) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.abandonment = Objects.requireNonNull(abandonment, "abandonment");
  }

  @Override
  public int complete(List<CallResult> results, Instant now) {
    if (results.isEmpty()) {
      return 0;
    }
    return tx.inTransaction(
        "record call outcomes",
        c -> {
          Sql.lockTimeout(c, LOCK_TIMEOUT);
          return OutcomeStatements.write(c, results, now, abandonment);
        });
  }

  @Override
  public void settle(Collection<CampaignId> campaigns, Instant now) {
    if (campaigns.isEmpty()) {
      return;
    }
    tx.inTransaction(
        "complete campaigns",
        c -> {
          Sql.lockTimeout(c, LOCK_TIMEOUT);
          Settlement.settle(c, campaigns, now);
          return null;
        });
  }

  @Override
  public void optOut(ClientId client, PhoneNumber phone, CallId call, Instant at) {
    tx.inTransaction(
        "record a do-not-call request",
        c -> {
          OutcomeStatements.optOuts(
              c, List.of(new OutcomeStatements.OptOut(client, phone, call, at)));
          return null;
        });
  }
}
