/**
 * Every failure becomes {@code {"detail": "..."}} with the right status, mapped centrally here and
 * never in resources. Unexpected exceptions are logged and answered with a generic 500: no stack
 * trace or internal message ever reaches a client.
 */
package io.outdial.rest.error;
