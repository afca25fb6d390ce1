package io.outdial.persistence.sms;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import java.util.Objects;
import java.util.Optional;

/**
 * A text message an integrator asks for.
 *
 * @param from the sender; empty: the campaign's caller ID
 * @param campaign the campaign it belongs to (must be the client's)
 * @param contactId the contact it goes to (must be in one of the client's campaigns)
 */
public record NewSms(
    ClientId client,
    PhoneNumber to,
    String text,
    Optional<PhoneNumber> from,
    Optional<CampaignId> campaign,
    Optional<Long> contactId) {
  public NewSms {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(contactId, "contactId");
  }

  /** This message without a sender of its own. */
  public NewSms withoutFrom() {
    return new NewSms(client, to, text, Optional.empty(), campaign, contactId);
  }
}
