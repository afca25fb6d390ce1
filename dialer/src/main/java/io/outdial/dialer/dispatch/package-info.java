/**
 * The dispatcher: on Jakarta Concurrency's managed scheduled executor it claims due contacts from
 * the PostgreSQL work queue in the order the {@code core} scheduler decides, places their calls
 * through the configured telephony provider behind a circuit breaker ({@link
 * io.outdial.dialer.dispatch.Telephony}), writes outcomes in batches, and keeps this server's lease
 * alive while reclaiming the calls of servers that died. {@link
 * io.outdial.dialer.dispatch.DialerProducers} builds the settings, the calls' timer, the provider,
 * the voice agent and the call driver from MicroProfile Config.
 */
package io.outdial.dialer.dispatch;
