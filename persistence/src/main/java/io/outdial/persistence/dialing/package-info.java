/**
 * The dialer's work queue in PostgreSQL, as three ports with one JDBC implementation each: {@link
 * io.outdial.persistence.dialing.ContactClaims} (which campaigns can dial; claims of due contacts
 * with {@code FOR UPDATE SKIP LOCKED} under the campaigns' row locks, so {@code max_concurrent}
 * holds across servers), {@link io.outdial.persistence.dialing.CallOutcomes} (call outcomes written
 * with the counters and usage they change, campaigns completed) and {@link
 * io.outdial.persistence.dialing.DialerLeases} (the leases that let a surviving server close the
 * calls of a dead one). The implementations run on a {@link
 * io.outdial.persistence.dialing.Transactor}, JTA's in the server, a plain one in their contract
 * tests.
 */
package io.outdial.persistence.dialing;
