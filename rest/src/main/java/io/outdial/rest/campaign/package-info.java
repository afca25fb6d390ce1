/**
 * {@code /api/v1/campaigns}: create, read, list, pause, resume, delete and stats, exactly as the
 * reference document shapes them, each scoped to the calling key's client.
 */
package io.outdial.rest.campaign;
