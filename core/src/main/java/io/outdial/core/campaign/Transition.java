package io.outdial.core.campaign;

import java.util.Objects;

/**
 * The outcome of applying an action: the state before and after. When {@code from == to} the action
 * already held and nothing changed.
 */
public record Transition(CampaignStatus from, CampaignAction action, CampaignStatus to) {
  public Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Whether the state changed (false for an idempotent repeat such as pausing a paused campaign).
   */
  public boolean changed() {
    return from != to;
  }
}
