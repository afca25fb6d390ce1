/**
 * Outdial's storage on PostgreSQL.
 *
 * <p>JPA entities mapped by Hibernate ORM 7 and bootstrapped by the application under JTA, the
 * stores that turn them into {@code io.outdial.core} values, and the Flyway migrations that shape
 * the schema at start. Nothing above this module sees an entity or an {@code EntityManager}.
 */
module io.outdial.persistence {
  requires transitive io.outdial.core;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.annotation;
  requires jakarta.transaction;
  requires jakarta.persistence;
  requires java.sql;
  requires java.logging;
  requires org.hibernate.orm.core;
  requires flyway.core;
  requires com.fasterxml.jackson.databind;
  requires microprofile.config.api;

  exports io.outdial.persistence.agent;
  exports io.outdial.persistence.analysis;
  exports io.outdial.persistence.apikey;
  exports io.outdial.persistence.admin;
  exports io.outdial.persistence.campaign;
  exports io.outdial.persistence.call;
  exports io.outdial.persistence.dialing;
  exports io.outdial.persistence.dnc;
  exports io.outdial.persistence.ratelimit;
  exports io.outdial.persistence.job;
  exports io.outdial.persistence.usage;
  exports io.outdial.persistence.transfer;
  exports io.outdial.persistence.webhook;
  exports io.outdial.persistence.sms;
  exports io.outdial.persistence.idempotency;
  exports io.outdial.persistence.jpa;

  opens io.outdial.persistence.apikey to
      org.hibernate.orm.core;
  opens io.outdial.persistence.admin to
      org.hibernate.orm.core;
  opens io.outdial.persistence.campaign to
      org.hibernate.orm.core;
}
