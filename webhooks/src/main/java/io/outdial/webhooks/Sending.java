package io.outdial.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.webhook.AttemptVerdict;
import io.outdial.core.webhook.DeliveryPace;
import io.outdial.persistence.webhook.AttemptRecord;
import io.outdial.persistence.webhook.DueDelivery;
import io.outdial.persistence.webhook.VerificationTarget;
import io.outdial.persistence.webhook.WebhookDeliveries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;

/**
 * What the sender does at each tick: records the attempts that finished since the last one, claims
 * as many due deliveries as it has room for and posts them, and challenges endpoints whose
 * verification is due. Ticks never overlap; posts run on the executor and hold no thread while they
 * wait. While deliveries wait (the last claim filled all the room), the sender does not wait for
 * the next poll: it is woken ({@code wake}) for another tick as soon as half its room is free.
 *
 * <p>Deliveries are background work. At each tick the sender looks at how busy this server's dialer
 * is ({@code load}, the share of time its serial work ran, {@link
 * io.outdial.core.dialing.DialingLoad}); while it is at or above {@link WebhookSettings#yieldAt()}
 * the room shrinks ({@link DeliveryPace}) and the sender is not woken, so calls being dialed keep
 * the machine and the deliveries catch up once dialing has time again. The sender's own work does
 * not count: after the dialing, it drains at full speed. The load is looked at once per {@code
 * loadWindow} at most: over a few milliseconds a share says little, and a sender woken at every
 * answer would read the dialer's every short burst. While it yields, the sender also ticks at most
 * once per {@code yieldPoll}: each tick is a few transactions (record, claim, render), which a
 * saturated dialer feels even when they carry a handful of deliveries.
 */
final class Sending {
  private static final System.Logger LOG = System.getLogger(Sending.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHALLENGES_PER_TICK = 8;

  private final String sender;
  private final WebhookDeliveries deliveries;
  private final Posting posting;
  private final WebhookSettings settings;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration hold;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentLinkedQueue<AttemptRecord> finished = new ConcurrentLinkedQueue<>();
  private final Runnable wake;
  private final DoubleSupplier load;
  private final DeliveryPace pace;
  private final Duration loadWindow;
  private final Duration yieldPoll;
  private Instant tickedAt = Instant.MIN;
  private volatile int limit;
  private double busy = -1; // the last load looked at; unknown at first
  private Instant loadSeenAt = Instant.MIN;
  private volatile boolean backlog;
  private Instant challengedAt = Instant.MIN;

  Sending(
      String sender,
      WebhookDeliveries deliveries,
      Posting posting,
      WebhookSettings settings,
      Clock clock,
      RandomGenerator random,
      Runnable wake,
      DoubleSupplier load,
      Duration loadWindow,
      Duration yieldPoll) {
    this.sender = sender;
    this.deliveries = deliveries;
    this.posting = posting;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
    this.wake = wake;
    this.load = load;
    this.loadWindow = loadWindow;
    this.yieldPoll = yieldPoll;
    this.pace = settings.pace();
    this.limit = pace.max();
    // a claim outlives the longest attempt (the answer's wait, then its record at the next tick)
    this.hold = settings.timeout().multipliedBy(2).plusSeconds(10);
  }

  void tick() {
    Instant started = clock.instant();
    if (pace.yields(busy) && started.isBefore(tickedAt.plus(yieldPoll))) {
      return; // dialing is saturated: this tick waits for the next yield poll
    }
    tickedAt = started;
    flush();
    Instant looked = clock.instant();
    if (!looked.isBefore(loadSeenAt.plus(loadWindow))) {
      loadSeenAt = looked;
      busy = load.getAsDouble();
      limit = pace.next(limit, busy);
    }
    int room = limit - inFlight.get();
    if (room > 0) {
      List<DueDelivery> due = deliveries.claim(sender, clock.instant(), room, hold);
      // a full claim may have left due deliveries behind; on a busy machine they wait the poll
      backlog = due.size() == room && !pace.yields(busy);
      for (DueDelivery d : due) {
        send(d);
      }
    }
    // challenges wait for the poll, not for the wakes of a backlog: one look per poll suffices
    Instant now = clock.instant();
    if (!now.isBefore(challengedAt.plus(settings.poll()))) {
      challengedAt = now;
      for (VerificationTarget t :
          deliveries.claimVerifications(sender, now, CHALLENGES_PER_TICK, hold)) {
        challenge(t);
      }
    }
  }

  /** Records the attempts that finished. */
  void flush() {
    List<AttemptRecord> done = new ArrayList<>();
    for (AttemptRecord r; (r = finished.poll()) != null; ) {
      done.add(r);
    }
    if (done.isEmpty()) {
      return;
    }
    try {
      deliveries.record(done, clock.instant(), settings.disableAfter());
    } catch (RuntimeException e) {
      // not lost: their claims lapse and they are sent again
      LOG.log(
          System.Logger.Level.WARNING, "Could not record " + done.size() + " webhook attempts", e);
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  /** How many deliveries may be in flight now. */
  int limit() {
    return limit;
  }

  private void send(DueDelivery d) {
    inFlight.incrementAndGet();
    posting
        .post(d.url(), d.eventId(), d.body().getBytes(StandardCharsets.UTF_8), d.secrets())
        .whenComplete(
            (answer, failure) -> {
              try {
                Posting.Answer a =
                    failure == null
                        ? answer
                        : Posting.Answer.failed(0, "delivery failed: " + failure.getMessage());
                AttemptVerdict verdict = AttemptVerdict.of(a.status());
                Optional<Instant> retryAt =
                    verdict == AttemptVerdict.RETRY
                        ? settings
                            .retry()
                            .next(d.attemptsMade() + 1, random)
                            .map(delay -> clock.instant().plus(delay))
                        : Optional.empty();
                finished.add(
                    new AttemptRecord(
                        d.seq(),
                        d.endpoint(),
                        verdict,
                        a.status(),
                        a.latencyMs(),
                        a.error(),
                        retryAt));
              } finally {
                // half the room free again and more waiting: the next tick need not wait the poll
                // (asked at every answer from then on: fast answers can take the count from above
                // half to below it between two sends, and the waker keeps one tick waiting at most)
                if (inFlight.decrementAndGet() <= limit / 2 && backlog) {
                  wake.run();
                }
              }
            });
  }

  /**
   * Posts a {@code webhook.verification} event carrying a random challenge; the endpoint proves it
   * is its owner's by answering 2xx with {@code {"challenge": "<the same>"}} (or the bare value).
   */
  private void challenge(VerificationTarget t) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String challenge = HexFormat.of().formatHex(bytes);
    String id = "evt_verify" + challenge.substring(0, 16);
    ObjectNode body = JSON.createObjectNode();
    body.put("id", id);
    body.put("type", "webhook.verification");
    body.put("version", 1);
    body.put("timestamp", clock.instant().toString());
    body.putObject("data").put("challenge", challenge);
    posting
        .post(t.url(), id, body.toString().getBytes(StandardCharsets.UTF_8), t.secrets())
        .whenComplete(
            (answer, failure) -> {
              Optional<String> error =
                  failure != null
                      ? Optional.of("verification failed: " + failure.getMessage())
                      : answer.error().or(() -> echoed(answer.body(), challenge));
              Optional<Instant> retryAt =
                  error.isEmpty()
                      ? Optional.empty()
                      : settings
                          .retry()
                          .next(t.attemptsMade() + 1, random)
                          .map(delay -> clock.instant().plus(delay));
              try {
                deliveries.recordVerification(
                    t,
                    error.isEmpty(),
                    error.map(m -> "verification: " + m),
                    retryAt,
                    clock.instant());
              } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not record a webhook verification", e);
              }
            });
  }

  private static Optional<String> echoed(String body, String challenge) {
    String text = body.strip();
    if (text.equals(challenge)) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (node != null && challenge.equals(node.path("challenge").asText(null))) {
        return Optional.empty();
      }
    } catch (java.io.IOException e) {
      // not JSON: the answer below says what was expected
    }
    return Optional.of("the endpoint answered 2xx without echoing the challenge");
  }
}
