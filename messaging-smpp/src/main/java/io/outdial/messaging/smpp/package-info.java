/**
 * The {@code smpp} messaging provider: its settings ({@link
 * io.outdial.messaging.smpp.SmppSettings}), one transmitter session kept bound and bound again when
 * lost, and the mapping of a message to {@code submit_sm} (IA5 or UCS-2, {@code message_payload}
 * for long texts) and of the SMSC's answers to send results.
 */
package io.outdial.messaging.smpp;
