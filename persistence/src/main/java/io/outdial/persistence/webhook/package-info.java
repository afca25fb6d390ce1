/**
 * Webhooks on PostgreSQL: each client's endpoints, the outbox that the stores of calls, campaigns
 * and jobs write events into within the transaction of the change they report ({@link Outbox}), and
 * the deliveries that the senders of every server claim as the dialer claims contacts (rows taken
 * with {@code SKIP LOCKED}, each claim holding them for a while, so a server that dies mid-send
 * gives them back).
 */
package io.outdial.persistence.webhook;
