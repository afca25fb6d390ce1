package io.outdial.core.campaign;

import io.outdial.core.ValidationException;

/** The most calls one campaign may have in flight at once; at least 1, default 100. */
public record MaxConcurrent(int value) {
  public static final MaxConcurrent DEFAULT = new MaxConcurrent(100);

  public MaxConcurrent {
    if (value < 1) {
      throw new ValidationException(
          "max_concurrent", "max_concurrent must be at least 1, got " + value);
    }
  }

  public static MaxConcurrent of(int value) {
    return new MaxConcurrent(value);
  }

  /** The given value, or {@link #DEFAULT} when the client left the field out. */
  public static MaxConcurrent orDefault(Integer value) {
    return value == null ? DEFAULT : new MaxConcurrent(value);
  }
}
