package io.outdial.core.campaign;

import io.outdial.core.ValidationException;

/**
 * Dialing priority from 1 to 10; 10 is the most urgent. Higher priorities are served strictly first
 * by the dialing scheduler.
 */
public record Priority(int value) implements Comparable<Priority> {
  public static final int MIN = 1;
  public static final int MAX = 10;
  public static final Priority DEFAULT = new Priority(5);

  public Priority {
    if (value < MIN || value > MAX) {
      throw new ValidationException(
          "priority", "priority must be between " + MIN + " and " + MAX + ", got " + value);
    }
  }

  public static Priority of(int value) {
    return new Priority(value);
  }

  /** The given value, or {@link #DEFAULT} when the client left the field out. */
  public static Priority orDefault(Integer value) {
    return value == null ? DEFAULT : new Priority(value);
  }

  @Override
  public int compareTo(Priority other) {
    return Integer.compare(value, other.value);
  }
}
