package io.outdial.core.campaign;

import io.outdial.core.ConflictException;

/** An action that the campaign's current state does not allow; the API answers 409 Conflict. */
public class IllegalTransitionException extends ConflictException {
  private final CampaignStatus from;
  private final CampaignAction action;

  public IllegalTransitionException(CampaignStatus from, CampaignAction action) {
    super("cannot " + action.wireName() + " a campaign that is " + from.wireName());
    this.from = from;
    this.action = action;
  }

  public CampaignStatus from() {
    return from;
  }

  public CampaignAction action() {
    return action;
  }
}
