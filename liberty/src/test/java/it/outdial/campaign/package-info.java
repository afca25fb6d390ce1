/** Integration tests of {@code /api/v1/campaigns}, API-key authentication and rate limiting. */
package it.outdial.campaign;
