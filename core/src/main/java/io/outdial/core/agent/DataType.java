package io.outdial.core.agent;

import io.outdial.core.WireNames;

/** The JSON type of a structured-data field extracted from a call. */
public enum DataType {
  STRING,
  NUMBER,
  INTEGER,
  BOOLEAN;

  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name for {@code field}; an unknown one raises a {@code ValidationException}. */
  public static DataType fromWire(String field, String value) {
    return WireNames.parse(values(), DataType::wireName, field, value);
  }
}
