/**
 * Test doubles for the dialer: a scheduler whose time moves only by hand (with a clock that follows
 * it) and the managed executor on that time, a listener that writes events down, and a provider
 * whose events a test fires itself.
 */
package io.outdial.dialer.testing;
