package io.outdial.persistence.webhook;

import io.outdial.persistence.dialing.JtaTransactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** The webhook ports' JDBC implementations, as the server's CDI beans, on JTA transactions. */
@ApplicationScoped
public class WebhookPorts {
  @Inject JtaTransactor tx;

  @Produces
  @ApplicationScoped
  WebhookEndpoints endpoints() {
    return new JdbcWebhookEndpoints(tx);
  }

  @Produces
  @ApplicationScoped
  WebhookDeliveries deliveries() {
    return new JdbcWebhookDeliveries(tx);
  }
}
