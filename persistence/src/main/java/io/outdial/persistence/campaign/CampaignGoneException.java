package io.outdial.persistence.campaign;

/**
 * The campaign is not the client's, or no longer: deleted (or never was). Unchecked, so that the
 * transaction it leaves rolls back.
 */
public final class CampaignGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CampaignGoneException() {
    super("Campaign not found", null, false, false);
  }
}
