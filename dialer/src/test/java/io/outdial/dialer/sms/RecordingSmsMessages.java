package io.outdial.dialer.sms;

import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.sms.ClaimedSms;
import io.outdial.persistence.sms.Enqueued;
import io.outdial.persistence.sms.NewSms;
import io.outdial.persistence.sms.SmsMessages;
import io.outdial.persistence.sms.SmsRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Hands out the messages it is given to claim and records how each was settled. */
final class RecordingSmsMessages implements SmsMessages {
  /** One settlement: {@code outcome} is sent, failed, refused or retry. */
  record Settled(String id, String outcome, Optional<String> detail, Optional<Instant> at) {}

  private final Deque<ClaimedSms> due = new ArrayDeque<>();
  final List<Settled> settled = new ArrayList<>();

  void add(ClaimedSms sms) {
    due.add(sms);
  }

  @Override
  public Enqueued enqueue(NewSms message, Instant now) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<SmsRecord> find(ClientId client, String id) {
    return Optional.empty();
  }

  @Override
  public Page<SmsRecord> list(ClientId client, Optional<String> campaign, int limit, long offset) {
    return new Page<>(List.of(), 0);
  }

  @Override
  public synchronized List<ClaimedSms> claim(int max, Instant now, Duration lease) {
    List<ClaimedSms> out = new ArrayList<>();
    while (out.size() < max && !due.isEmpty()) {
      out.add(due.poll());
    }
    return out;
  }

  @Override
  public synchronized boolean sent(String id, String providerMessageId, Instant now) {
    return settled.add(new Settled(id, "sent", Optional.of(providerMessageId), Optional.empty()));
  }

  @Override
  public synchronized boolean failed(String id, String error, Instant now) {
    return settled.add(new Settled(id, "failed", Optional.of(error), Optional.empty()));
  }

  @Override
  public synchronized boolean refused(String id, String reason, Instant now) {
    return settled.add(new Settled(id, "refused", Optional.of(reason), Optional.empty()));
  }

  @Override
  public synchronized boolean retry(String id, Optional<String> error, Instant at, Instant now) {
    return settled.add(new Settled(id, "retry", error, Optional.of(at)));
  }
}
