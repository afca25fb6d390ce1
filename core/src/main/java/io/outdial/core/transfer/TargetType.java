package io.outdial.core.transfer;

import io.outdial.core.WireNames;

/** What a transfer target is: one person, or a queue of people. */
public enum TargetType {
  /** A person reached at a SIP URI or an E.164 number, with an availability status. */
  HUMAN,
  /** A named group of humans; it may also have an address of its own (a hunt group, an ACD). */
  QUEUE;

  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name; unknown values raise a {@code ValidationException} for {@code type}. */
  public static TargetType fromWire(String value) {
    return WireNames.parse(values(), TargetType::wireName, "type", value);
  }
}
