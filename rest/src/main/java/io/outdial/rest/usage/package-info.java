/** {@code /api/v1/clients/{client_id}/usage}: a client's usage in one month, for its own keys. */
package io.outdial.rest.usage;
