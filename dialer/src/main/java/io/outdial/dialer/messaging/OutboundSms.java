package io.outdial.dialer.messaging;

import io.outdial.core.contact.PhoneNumber;
import java.util.Objects;

/**
 * One text message to hand to a carrier.
 *
 * @param id Outdial's id of the message, for the provider's logs
 * @param to the recipient
 * @param from the sender address (a caller ID)
 * @param text the text, 1 to 1600 characters
 */
public record OutboundSms(String id, PhoneNumber to, PhoneNumber from, String text) {
  public OutboundSms {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(from, "from");
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("text must not be empty");
    }
  }
}
