/**
 * Transfer targets ({@code /api/v1/transfer-targets}): the humans and queues of the calling key's
 * client that calls can be handed to, their statuses, and who is free per queue ({@code GET
 * /api/v1/calls/agent-availability}).
 */
package io.outdial.rest.transfer;
