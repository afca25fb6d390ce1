package io.outdial.persistence.agent;

import io.outdial.persistence.dialing.JtaTransactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** {@link AgentStore} as the server's CDI bean, each call a JTA transaction (or part of one). */
@ApplicationScoped
public class AgentPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  AgentStore agents() {
    return new JdbcAgentStore(tx);
  }
}
