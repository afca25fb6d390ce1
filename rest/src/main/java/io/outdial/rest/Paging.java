package io.outdial.rest;

import io.outdial.core.ValidationException;

/** Query parameters of paged lists. */
public final class Paging {
  private Paging() {}

  /**
   * An integer query parameter in {@code [min, max]}, or {@code fallback} when absent.
   *
   * @throws ValidationException naming the parameter when it is not such an integer
   */
  public static int intParam(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ValidationException(
        name,
        name
            + " must be an integer "
            + (max == Integer.MAX_VALUE ? ">= " + min : "between " + min + " and " + max));
  }
}
