package io.outdial.persistence.transfer;

import io.outdial.persistence.dialing.JtaTransactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** {@link CallTransfers} as the server's CDI bean, each call a JTA transaction (or part of one). */
@ApplicationScoped
public class CallTransferPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  CallTransfers callTransfers() {
    return new JdbcCallTransfers(tx);
  }
}
