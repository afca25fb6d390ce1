/**
 * Call records in PostgreSQL, read for the audit trail: one row per attempt with its contact,
 * disposition, duration, transcript and intents, always scoped to one client.
 */
package io.outdial.persistence.call;
