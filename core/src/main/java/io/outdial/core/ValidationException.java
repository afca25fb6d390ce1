package io.outdial.core;

import java.util.Objects;

/**
 * A value handed to the domain is not acceptable.
 *
 * <p>The message names the field in snake_case, as clients spell it on the wire ({@code "priority
 * must be between 1 and 10"}), because the REST layer returns it verbatim as {@code {"detail":
 * ...}}.
 */
public class ValidationException extends DomainException {
  private final String field;

  public ValidationException(String field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The snake_case name of the offending field, e.g. {@code max_concurrent}. */
  public String field() {
    return field;
  }
}
