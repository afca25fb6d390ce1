package io.outdial.dialer.agent;

import io.outdial.core.WireNames;

/** Who spoke a transcript turn, named as chat-completion APIs and the audit trail name them. */
public enum Role {
  /** The agent (Outdial's side of the call). */
  ASSISTANT,
  /** The callee. */
  USER,
  /** The human a call was transferred to, once bridged with the callee. */
  HUMAN_AGENT;

  public String wireName() {
    return WireNames.of(this);
  }
}
