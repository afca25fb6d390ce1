/**
 * Transfer targets of every client as a port ({@link
 * io.outdial.persistence.transfer.TransferTargets}) with a JDBC adapter: humans with their status
 * and queue memberships, queues, and who is free per queue.
 */
package io.outdial.persistence.transfer;
