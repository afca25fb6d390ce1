/**
 * Integration tests of {@code Idempotency-Key} on campaign creation and contact uploads: replays,
 * refusals, concurrent duplicates and isolation between clients, on the shared test server.
 */
package it.outdial.idempotency;
