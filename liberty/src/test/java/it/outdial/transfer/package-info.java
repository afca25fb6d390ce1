/**
 * Integration tests of transfer targets (humans, queues, statuses, who is free per queue) and of
 * ending a live call on request, across servers.
 */
package it.outdial.transfer;
