/**
 * The simulated messaging provider ({@code simulator}), the default: it accepts every message,
 * keeps the last ones it accepted for tests, and refuses the numbers it is told to.
 */
package io.outdial.dialer.messaging.sim;
