package io.outdial.persistence.sms;

import io.outdial.persistence.dialing.JtaTransactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** {@link SmsMessages} as the server's CDI bean, each call a JTA transaction. */
@ApplicationScoped
public class SmsPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  SmsMessages messages() {
    return new JdbcSmsMessages(tx);
  }
}
