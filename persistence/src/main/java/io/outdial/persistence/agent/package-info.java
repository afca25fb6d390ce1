/**
 * Agents of every client as a port ({@link io.outdial.persistence.agent.AgentStore}) with a JDBC
 * adapter: reusable configurations that campaigns refer to, with a revision the dialer watches.
 */
package io.outdial.persistence.agent;
