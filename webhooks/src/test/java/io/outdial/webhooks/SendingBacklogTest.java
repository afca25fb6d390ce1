package io.outdial.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.AttemptVerdict;
import io.outdial.core.webhook.DestinationPolicy;
import io.outdial.core.webhook.Retention;
import io.outdial.core.webhook.RetrySchedule;
import io.outdial.core.webhook.SigningSecret;
import io.outdial.persistence.webhook.DueDelivery;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender's ticks against a receiver on loopback and an outbox in memory. */
class SendingBacklogTest {
  private static final int CONCURRENCY = 4;

  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final LinkedBlockingQueue<String> wakes = new LinkedBlockingQueue<>();
  private static final WebhookId ENDPOINT = WebhookId.random(new Random(3));

  private final MemoryDeliveries outbox = new MemoryDeliveries();
  private final SigningSecret secret = SigningSecret.generate(new Random(2));
  private HttpServer receiver;
  private String url;
  private long seq;
  private Sending sending;
  private volatile double load = 0.2;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(executor);
    receiver.createContext(
        "/",
        x -> {
          try (x) {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(200, -1);
          }
        });
    receiver.start();
    url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    WebhookSettings settings =
        new WebhookSettings(
            true,
            DestinationPolicy.parse("127.0.0.1"),
            RetrySchedule.STANDARD,
            Duration.ofSeconds(5),
            Duration.ofHours(120),
            Duration.ofMinutes(10), // no timer in this test: only wakes bring ticks
            CONCURRENCY,
            Duration.ofHours(24),
            0.9,
            Retention.FOREVER);
    Clock clock = Clock.systemUTC();
    sending =
        new Sending(
            "whs_test",
            outbox,
            MemoryDeliveries.posting(settings, executor, clock),
            settings,
            clock,
            new Random(1),
            () -> wakes.add("wake"),
            () -> load,
            Duration.ZERO,
            Duration.ZERO);
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    executor.shutdownNow();
  }

  @Test
  void aBacklogIsSentWithoutWaitingForThePoll() throws Exception {
    add(50);
    sending.tick();
    // every wake is answered with a tick, as the server's sender does
    while (wakes.poll(2, TimeUnit.SECONDS) != null) {
      sending.tick();
    }
    // the last claim was not full: the sender went back to the poll's rhythm; then its last tick
    awaitIdle();
    sending.tick();
    assertThat(outbox.recorded).hasSize(50);
    assertThat(outbox.recorded).allMatch(a -> a.verdict() == AttemptVerdict.DELIVERED);
    assertThat(outbox.claims).allMatch(n -> n <= CONCURRENCY);
  }

  @Test
  void noBacklogNoWake() throws Exception {
    add(CONCURRENCY - 1);
    sending.tick();
    awaitIdle();
    assertThat(wakes.poll(300, TimeUnit.MILLISECONDS)).isNull();
    sending.tick();
    assertThat(outbox.recorded).hasSize(CONCURRENCY - 1);
  }

  @Test
  void aBusyMachineGetsFewerDeliveriesAtOnceAndNoWakes() throws Exception {
    load = 1.0;
    add(50);
    for (int i = 0; i < 4; i++) {
      sending.tick();
      awaitIdle();
    }
    // the room halves at every look, down to the floor (an eighth of 4, at least 1)
    assertThat(outbox.claims).containsExactly(2, 1, 1, 1);
    assertThat(wakes.poll(300, TimeUnit.MILLISECONDS)).isNull();

    load = 0.3;
    sending.tick();
    assertThat(sending.limit()).isEqualTo(2);
    awaitIdle();
    sending.tick();
    assertThat(sending.limit()).isEqualTo(3);
    assertThat(outbox.claims).endsWith(2, 3);
    assertThat(outbox.recorded).hasSize(7);
  }

  @Test
  void theLoadIsLookedAtOncePerWindow() throws Exception {
    WebhookSettings settings =
        new WebhookSettings(
            true,
            DestinationPolicy.parse("127.0.0.1"),
            RetrySchedule.STANDARD,
            Duration.ofSeconds(5),
            Duration.ofHours(120),
            Duration.ofMinutes(10),
            CONCURRENCY,
            Duration.ofHours(24),
            0.9,
            Retention.FOREVER);
    Clock clock = Clock.systemUTC();
    java.util.concurrent.atomic.AtomicInteger looks =
        new java.util.concurrent.atomic.AtomicInteger();
    Sending windowed =
        new Sending(
            "whs_windowed",
            outbox,
            MemoryDeliveries.posting(settings, executor, clock),
            settings,
            clock,
            new Random(1),
            () -> {},
            () -> {
              looks.incrementAndGet();
              return 1.0;
            },
            Duration.ofHours(1),
            Duration.ZERO);
    windowed.tick();
    windowed.tick();
    windowed.tick();
    // one look, one halving: ticks in quick succession do not read the load again
    assertThat(looks.get()).isEqualTo(1);
    assertThat(windowed.limit()).isEqualTo(2);
  }

  @Test
  void aSaturatedDialerGetsOneTickPerYieldPoll() throws Exception {
    WebhookSettings settings =
        new WebhookSettings(
            true,
            DestinationPolicy.parse("127.0.0.1"),
            RetrySchedule.STANDARD,
            Duration.ofSeconds(5),
            Duration.ofHours(120),
            Duration.ofMinutes(10),
            CONCURRENCY,
            Duration.ofHours(24),
            0.9,
            Retention.FOREVER);
    Clock clock = Clock.systemUTC();
    Sending polled =
        new Sending(
            "whs_polled",
            outbox,
            MemoryDeliveries.posting(settings, executor, clock),
            settings,
            clock,
            new Random(1),
            () -> {},
            () -> load,
            Duration.ZERO,
            Duration.ofHours(1));
    load = 1.0;
    add(50);
    polled.tick();
    await().atMost(Duration.ofSeconds(5)).until(() -> polled.inFlight() == 0);
    polled.tick();
    polled.tick();
    // one claim (the room halved to 2); the next ticks wait for the yield poll, records included
    assertThat(outbox.claims).containsExactly(2);
    assertThat(outbox.recorded).isEmpty();

    load = 0.1; // not looked at before the yield poll: still yielding
    polled.tick();
    assertThat(outbox.claims).containsExactly(2);
  }

  private void awaitIdle() {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sending.inFlight() == 0);
  }

  private void add(int n) {
    for (int i = 0; i < n; i++) {
      seq++;
      outbox.add(
          new DueDelivery(
              seq,
              "dlv_" + seq,
              "evt_" + seq,
              ENDPOINT,
              url,
              List.of(secret),
              "{\"id\": \"evt_" + seq + "\"}",
              0));
    }
  }
}
