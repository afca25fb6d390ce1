/**
 * Starts Outdial outside a test: a real embedded PostgreSQL (unless one is configured) and the
 * Liberty server built by this module. Used by the README's run command and by the integration
 * tests; never packaged into the WAR.
 */
package io.outdial.launcher;
