/** Integration tests of what every deployment has: health, OpenAPI, and the run-time wiring. */
package it.outdial.platform;
