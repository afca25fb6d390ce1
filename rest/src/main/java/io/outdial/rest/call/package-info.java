/**
 * {@code /api/v1/calls/{call_id}/metadata}: the structured result an integrator writes back onto a
 * call after it ended (merged as a JSON Merge Patch or replaced), for keys with the {@code audit}
 * scope, scoped to their client like the audit trail that shows it.
 */
package io.outdial.rest.call;
