package io.outdial.persistence.sms;

import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The text messages port. Every method is a transaction of its own (or joins the caller's).
 * Finishing a message ({@link #sent}, {@link #failed}, {@link #refused}, {@link #retry}) changes
 * only a queued one and answers whether it did.
 */
public interface SmsMessages {
  /**
   * Stores a message queued, unless its number is on the client's do-not-call list or what it names
   * is not the client's; the check and the insert are one transaction.
   */
  Enqueued enqueue(NewSms message, Instant now);

  /** The client's message with this id. */
  Optional<SmsRecord> find(ClientId client, String id);

  /**
   * A page of the client's messages, newest first (then by id), those of {@code campaign} only when
   * one is given, with how many there are in all.
   */
  Page<SmsRecord> list(ClientId client, Optional<String> campaign, int limit, long offset);

  /**
   * Claims up to {@code max} queued messages that are due at {@code now} and not claimed by another
   * sender (or whose claim ran out), for {@code lease}. Of concurrent claims, each message goes to
   * one.
   */
  List<ClaimedSms> claim(int max, Instant now, Duration lease);

  /** The carrier took it. */
  boolean sent(String id, String providerMessageId, Instant now);

  /** The carrier refused it for good, or the sender gave up. */
  boolean failed(String id, String error, Instant now);

  /** Not sent by Outdial's rules (the number is on the do-not-call list). */
  boolean refused(String id, String reason, Instant now);

  /**
   * Gives the claim back; the message is due again at {@code at}.
   *
   * @param error why, kept on the message; empty when it only waits (calling hours) and the claim
   *     does not count as an attempt
   */
  boolean retry(String id, Optional<String> error, Instant at, Instant now);
}
