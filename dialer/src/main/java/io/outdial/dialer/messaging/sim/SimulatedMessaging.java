package io.outdial.dialer.messaging.sim;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.dialer.messaging.MessagingProvider;
import io.outdial.dialer.messaging.OutboundSms;
import io.outdial.dialer.messaging.SendResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts every message at once with an id {@code sim-<n>}, except to the numbers in {@code failTo}
 * (refused for good) and to those in {@code unavailableTo} (carrier unavailable, tried again
 * later). Keeps the last {@value #KEPT} messages accepted.
 */
public final class SimulatedMessaging implements MessagingProvider {
  static final int KEPT = 1000;

  private final Set<PhoneNumber> failTo;
  private final Set<PhoneNumber> unavailableTo;
  private final AtomicLong ids = new AtomicLong();
  private final Deque<OutboundSms> sent = new ArrayDeque<>();

  public SimulatedMessaging(Set<PhoneNumber> failTo, Set<PhoneNumber> unavailableTo) {
    this.failTo = Set.copyOf(Objects.requireNonNull(failTo, "failTo"));
    this.unavailableTo = Set.copyOf(Objects.requireNonNull(unavailableTo, "unavailableTo"));
  }

  @Override
  public String name() {
    return SimulatedMessagingFactory.NAME;
  }

  @Override
  public SendResult send(OutboundSms message) {
    if (failTo.contains(message.to())) {
      return new SendResult.Rejected("the simulator refuses messages to " + message.to().e164());
    }
    if (unavailableTo.contains(message.to())) {
      return new SendResult.Unavailable("the simulator is unavailable for " + message.to().e164());
    }
    synchronized (sent) {
      sent.addLast(message);
      if (sent.size() > KEPT) {
        sent.removeFirst();
      }
    }
    return new SendResult.Accepted("sim-" + ids.incrementAndGet());
  }

  /** The messages accepted, oldest first (the last {@value #KEPT}). */
  public List<OutboundSms> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  @Override
  public void close() {}
}
