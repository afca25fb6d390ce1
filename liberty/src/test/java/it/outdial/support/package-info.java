/**
 * What the integration tests share: one Outdial server on Liberty with a real embedded PostgreSQL,
 * started once per test run on free ports, and a small HTTP client for its API.
 */
package it.outdial.support;
