package io.outdial.core;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;

/** Lookup of enum constants by the lower-case snake_case names used on the wire. */
public final class WireNames {
  private WireNames() {}

  /** The wire spelling of a constant: {@code HUMAN_INTERESTED} becomes {@code human_interested}. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Finds the constant whose wire name equals {@code value}, or throws a {@link
   * ValidationException} for {@code field} listing the accepted names.
   */
  public static <E extends Enum<E>> E parse(
      E[] values, Function<E, String> wireName, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    for (E e : values) {
      if (wireName.apply(e).equals(value)) {
        return e;
      }
    }
    StringJoiner names = new StringJoiner(", ");
    for (E e : values) {
      names.add(wireName.apply(e));
    }
    throw new ValidationException(field, field + " must be one of: " + names);
  }
}
