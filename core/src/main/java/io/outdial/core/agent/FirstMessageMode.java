package io.outdial.core.agent;

import io.outdial.core.WireNames;

/** Who speaks first once a person answers. */
public enum FirstMessageMode {
  /** The agent opens at once with its greeting (the default). */
  ASSISTANT_SPEAKS_FIRST,
  /** The agent waits for the callee's first words ("Hello?") before it opens. */
  ASSISTANT_WAITS_FOR_USER;

  public static final FirstMessageMode DEFAULT = ASSISTANT_SPEAKS_FIRST;

  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name; an unknown one raises a {@code ValidationException} naming the field. */
  public static FirstMessageMode fromWire(String value) {
    return WireNames.parse(values(), FirstMessageMode::wireName, "first_message_mode", value);
  }

  /** The named mode, or {@link #DEFAULT} when the client left the field out. */
  public static FirstMessageMode orDefault(String value) {
    return value == null ? DEFAULT : fromWire(value);
  }
}
