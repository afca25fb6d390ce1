package io.outdial.core;

/**
 * What was asked contradicts the current state of what it is about (resume a completed campaign,
 * add contacts to a cancelled one); the API answers 409 Conflict with the message.
 */
public class ConflictException extends DomainException {
  public ConflictException(String message) {
    super(message);
  }
}
