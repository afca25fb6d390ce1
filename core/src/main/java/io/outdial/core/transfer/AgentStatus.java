package io.outdial.core.transfer;

import io.outdial.core.WireNames;

/** Whether a human can take a transfer now; the integrator's system sets it. */
public enum AgentStatus {
  AVAILABLE,
  BUSY,
  OFFLINE;

  /** A new human is offline until the integrator's system says otherwise. */
  public static final AgentStatus DEFAULT = OFFLINE;

  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name; unknown values raise a {@code ValidationException} for {@code status}. */
  public static AgentStatus fromWire(String value) {
    return WireNames.parse(values(), AgentStatus::wireName, "status", value);
  }
}
