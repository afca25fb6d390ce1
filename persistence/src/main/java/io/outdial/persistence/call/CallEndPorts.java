package io.outdial.persistence.call;

import io.outdial.persistence.dialing.JtaTransactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** {@link CallEnds} as the server's CDI bean, each call a JTA transaction (or part of one). */
@ApplicationScoped
public class CallEndPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  CallEnds callEnds() {
    return new JdbcCallEnds(tx);
  }
}
