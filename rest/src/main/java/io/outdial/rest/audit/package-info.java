/**
 * {@code /api/v1/audit}: the full trail of each call (contact, disposition, duration, transcript,
 * intents), for keys with the {@code audit} scope, scoped to their client.
 */
package io.outdial.rest.audit;
