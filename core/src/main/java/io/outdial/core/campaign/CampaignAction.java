package io.outdial.core.campaign;

import io.outdial.core.WireNames;

/** Something that asks a campaign to change state, by an operator or by the system. */
public enum CampaignAction {
  /** A start time in the future was set. */
  SCHEDULE,
  /** Start dialing now, or the scheduled start time was reached. */
  START,
  PAUSE,
  RESUME,
  /** Every contact is final. */
  COMPLETE,
  /** Cancel or delete. */
  CANCEL,
  /** An unrecoverable error stopped the campaign. */
  FAIL;

  public String wireName() {
    return WireNames.of(this);
  }

  public static CampaignAction fromWire(String value) {
    return WireNames.parse(values(), CampaignAction::wireName, "action", value);
  }
}
