package io.outdial.core.transfer;

import io.outdial.core.WireNames;

/** How a live call is handed to a human. */
public enum TransferMode {
  /**
   * Outdial holds the callee, calls the human, whispers a briefing to them and bridges the two legs
   * itself, so the transcript and timings of the call continue.
   */
  WARM,
  /**
   * Blind transfer: the callee's leg is referred to the human (SIP REFER) and leaves Outdial; for
   * trunks that support it. Nothing of the call is heard after the hand-off.
   */
  COLD;

  /** What a request without a mode gets. */
  public static final TransferMode DEFAULT = WARM;

  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name; unknown values raise a {@code ValidationException} for {@code mode}. */
  public static TransferMode fromWire(String value) {
    return WireNames.parse(values(), TransferMode::wireName, "mode", value);
  }
}
