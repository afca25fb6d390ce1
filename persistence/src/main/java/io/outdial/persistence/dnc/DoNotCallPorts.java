package io.outdial.persistence.dnc;

import io.outdial.persistence.dialing.JtaTransactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** {@link DoNotCallList} as the server's CDI bean, each call a JTA transaction. */
@ApplicationScoped
public class DoNotCallPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  DoNotCallList list() {
    return new JdbcDoNotCallList(tx);
  }
}
