package io.outdial.persistence.sms;

/** What became of a request to send a text message. */
public sealed interface Enqueued {
  /** Stored, queued for the sender. */
  record Queued(SmsRecord message) implements Enqueued {}

  /** Not stored: the number is on the client's do-not-call list. */
  record OnDoNotCall() implements Enqueued {}

  /** Not stored: the campaign is not the client's (or deleted). */
  record CampaignNotFound() implements Enqueued {}

  /** Not stored: the contact is not in one of the client's campaigns. */
  record ContactNotFound() implements Enqueued {}

  /** Not stored: no {@code from} and no campaign to take the caller ID of. */
  record NoSender() implements Enqueued {}
}
