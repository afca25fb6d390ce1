package io.outdial.core.campaign;

import io.outdial.core.WireNames;

/** Where a campaign is in its life; see {@link CampaignLifecycle} for the moves between states. */
public enum CampaignStatus {
  /** Created, not dialing yet. */
  QUEUED,
  /** Waiting for its scheduled start time. */
  SCHEDULED,
  /** Dialing. */
  ACTIVE,
  /** No new calls are placed; calls in progress finish. */
  PAUSED,
  /** Every contact reached a final outcome. */
  COMPLETED,
  /** Stopped for good by its owner (cancel or delete). */
  CANCELLED,
  /** Stopped for good by the system (e.g. the telephony account was rejected). */
  FAILED;

  /** The lower-case name used in JSON, e.g. {@code queued}. */
  public String wireName() {
    return WireNames.of(this);
  }

  /** Parses a wire name; unknown names raise a {@code ValidationException} for {@code status}. */
  public static CampaignStatus fromWire(String value) {
    return WireNames.parse(values(), CampaignStatus::wireName, "status", value);
  }

  /** Whether no action but its own repetition is accepted any more. */
  public boolean isTerminal() {
    return this == COMPLETED || this == CANCELLED || this == FAILED;
  }

  /**
   * Whether calls still in flight are hung up when a campaign reaches this status: only when it is
   * cancelled (deleted). A paused campaign's calls finish; nothing about one campaign's status ever
   * touches another campaign's calls.
   */
  public boolean hangsUpCallsInFlight() {
    return this == CANCELLED;
  }

  /** Whether the dialing scheduler should hand this campaign dial slots. */
  public boolean isDialing() {
    return this == ACTIVE;
  }
}
