package io.outdial.core;

/** A rule of the domain was broken; the message is safe to show to an API client. */
public class DomainException extends RuntimeException {
  public DomainException(String message) {
    super(message);
  }
}
