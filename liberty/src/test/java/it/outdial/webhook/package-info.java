/** Webhooks end to end: a real receiver on loopback, signatures checked from the spec's text. */
package it.outdial.webhook;
