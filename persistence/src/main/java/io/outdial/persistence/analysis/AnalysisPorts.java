package io.outdial.persistence.analysis;

import io.outdial.persistence.dialing.JtaTransactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** {@link CallAnalyses} as the server's CDI bean, each call a JTA transaction. */
@ApplicationScoped
public class AnalysisPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  CallAnalyses analyses() {
    return new JdbcCallAnalyses(tx);
  }
}
