/**
 * Outdial's HTTP API: the JAX-RS resources for {@code /api/v1/...} and {@code /admin/...}, their
 * request and response records, authentication by API key and admin key, scopes, rate limiting, and
 * the exception mappers that turn every failure into {@code {"detail": "..."}}.
 */
module io.outdial.rest {
  requires io.outdial.persistence;
  requires io.outdial.dialer;
  requires io.outdial.webhooks;
  requires jakarta.ws.rs;
  requires jakarta.servlet;
  requires jakarta.cdi;
  requires jakarta.inject;
  requires jakarta.annotation;
  requires jakarta.transaction;
  requires jakarta.concurrency;
  requires org.apache.commons.csv;
  requires org.apache.poi.ooxml;
  requires org.apache.poi.poi;
  requires org.apache.commons.compress; // the zip entries of POI's ZipEntrySource
  requires java.xml;
  requires java.logging;
  requires java.sql;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.jakarta.rs.json;
  requires microprofile.config.api;
  requires microprofile.health.api;
  requires microprofile.metrics.api;
  requires org.eclipse.microprofile.openapi;

  exports io.outdial.rest;
  exports io.outdial.rest.admin;
  exports io.outdial.rest.agent;
  exports io.outdial.rest.auth;
  exports io.outdial.rest.campaign;
  exports io.outdial.rest.usage;
  exports io.outdial.rest.job;
  exports io.outdial.rest.contact;
  exports io.outdial.rest.dnc;
  exports io.outdial.rest.audit;
  exports io.outdial.rest.call;
  exports io.outdial.rest.error;
  exports io.outdial.rest.health;
  exports io.outdial.rest.json;
  exports io.outdial.rest.metrics;
  exports io.outdial.rest.limits;
  exports io.outdial.rest.transfer;
  exports io.outdial.rest.webhook;
  exports io.outdial.rest.idempotency;
  exports io.outdial.rest.sms;

  opens io.outdial.rest.admin to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.agent to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.auth to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.campaign to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.usage to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.job to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.contact to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.dnc to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.audit to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.call to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.error to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.transfer to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.webhook to
      com.fasterxml.jackson.databind;
  opens io.outdial.rest.sms to
      com.fasterxml.jackson.databind;
}
