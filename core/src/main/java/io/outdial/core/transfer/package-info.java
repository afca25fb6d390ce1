/**
 * Transfer targets: the humans (and queues of them) a live call can be handed to, with the
 * availability the integrator's own system reports. The records here validate what a client sends
 * and name the offending field; who is free per queue is counted by {@link
 * io.outdial.core.transfer.QueueAvailability}. A transfer of a live call follows {@link
 * io.outdial.core.transfer.TransferStatus}'s state machine, in a {@link
 * io.outdial.core.transfer.TransferMode}, and stops short for a {@link
 * io.outdial.core.transfer.TransferFailure}.
 */
package io.outdial.core.transfer;
