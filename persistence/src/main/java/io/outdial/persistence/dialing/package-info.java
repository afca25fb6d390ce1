/**
 * The dialer's work queue in PostgreSQL: which campaigns can dial, claims of due contacts with
 * {@code FOR UPDATE SKIP LOCKED} under the campaign's row lock (so {@code max_concurrent} holds
 * across servers), call outcomes written with the counters and usage they change, and the leases
 * that let a surviving server close the calls of a dead one.
 */
package io.outdial.persistence.dialing;
