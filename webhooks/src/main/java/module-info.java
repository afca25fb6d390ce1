/**
 * Outdial's webhook sender: takes due deliveries from the outbox in PostgreSQL, checks where each
 * may go, signs it as the Standard Webhooks specification describes, posts it, and records what the
 * endpoint answered; challenges new endpoints to prove they are their owners'.
 */
module io.outdial.webhooks {
  requires transitive io.outdial.persistence;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.annotation;
  requires jakarta.concurrency;
  requires microprofile.config.api;

  exports io.outdial.webhooks;
}
