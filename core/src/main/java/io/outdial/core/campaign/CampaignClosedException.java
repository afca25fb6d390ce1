package io.outdial.core.campaign;

import io.outdial.core.ConflictException;

/** Contacts were sent to a campaign that has ended (completed or cancelled): 409. */
public class CampaignClosedException extends ConflictException {
  private final CampaignStatus status;

  public CampaignClosedException(CampaignStatus status) {
    super("Cannot add contacts to a campaign that is " + status.wireName());
    this.status = status;
  }

  public CampaignStatus status() {
    return status;
  }
}
