package io.outdial.core.campaign;

import io.outdial.core.WireNames;

/** The text-to-speech voice the agent speaks with; {@link #TARA} unless the client chooses. */
public enum Voice {
  TARA,
  LEAH,
  JESS,
  MIA,
  ZOE,
  LEO,
  DAN,
  ZAC;

  public static final Voice DEFAULT = TARA;

  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name; unknown voices raise a {@code ValidationException} for {@code voice}. */
  public static Voice fromWire(String value) {
    return WireNames.parse(values(), Voice::wireName, "voice", value);
  }

  /** The named voice, or {@link #DEFAULT} when the client left the field out. */
  public static Voice orDefault(String value) {
    return value == null ? DEFAULT : fromWire(value);
  }
}
