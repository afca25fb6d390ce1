/**
 * Transfer targets of every client as a port ({@link
 * io.outdial.persistence.transfer.TransferTargets}) with a JDBC adapter: humans with their status
 * and queue memberships, queues, and who is free per queue; transfers of live calls to them ({@link
 * io.outdial.persistence.transfer.CallTransfers}): the atomic pick of an available human, callback
 * tasks when nobody is, and the steps the server holding the call reports.
 */
package io.outdial.persistence.transfer;
