/**
 * Test kit of the dialing ports, published in this module's test jar: {@link
 * io.outdial.persistence.dialing.testing.DialingWorld} (ports plus fixtures and facts) and its
 * in-memory implementation, which the dialer's unit tests use and the contract tests hold to the
 * JDBC implementations' behaviour.
 */
package io.outdial.persistence.dialing.testing;
