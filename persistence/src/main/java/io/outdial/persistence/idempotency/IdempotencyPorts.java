package io.outdial.persistence.idempotency;

import io.outdial.persistence.dialing.JtaTransactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** {@link IdempotencyKeys} as the server's CDI bean, each call a JTA transaction. */
@ApplicationScoped
public class IdempotencyPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  IdempotencyKeys keys() {
    return new JdbcIdempotencyKeys(tx);
  }
}
