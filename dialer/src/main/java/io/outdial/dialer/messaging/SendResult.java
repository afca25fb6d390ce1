package io.outdial.dialer.messaging;

import java.util.Objects;

/** What a provider answered to one message. */
public sealed interface SendResult {
  /** The carrier took the message and gave it this id. */
  record Accepted(String providerMessageId) implements SendResult {
    public Accepted {
      Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
  }

  /** The carrier refused the message for good (a bad number, a text it will not carry). */
  record Rejected(String error) implements SendResult {
    public Rejected {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * The carrier could not be reached or asked to slow down: the same message may go through later.
   */
  record Unavailable(String error) implements SendResult {
    public Unavailable {
      Objects.requireNonNull(error, "error");
    }
  }
}
