package io.outdial.persistence.dialing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** The dialing ports' JDBC implementations, as the server's CDI beans, on JTA transactions. */
@ApplicationScoped
public class DialingPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  ContactClaims claims() {
    return new JdbcContactClaims(tx);
  }

  @Produces
  @ApplicationScoped
  CallOutcomes outcomes() {
    return new JdbcCallOutcomes(tx);
  }

  @Produces
  @ApplicationScoped
  DialerLeases leases() {
    return new JdbcDialerLeases(tx);
  }
}
