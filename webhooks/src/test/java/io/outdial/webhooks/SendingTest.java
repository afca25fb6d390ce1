package io.outdial.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.outdial.core.id.WebhookId;
import io.outdial.core.webhook.AttemptVerdict;
import io.outdial.core.webhook.DestinationPolicy;
import io.outdial.core.webhook.Retention;
import io.outdial.core.webhook.RetrySchedule;
import io.outdial.core.webhook.SigningSecret;
import io.outdial.persistence.webhook.AttemptRecord;
import io.outdial.persistence.webhook.DueDelivery;
import io.outdial.persistence.webhook.VerificationTarget;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender's tick against a receiver on loopback and deliveries held in memory. */
class SendingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final RetrySchedule SCHEDULE = RetrySchedule.parse("10s,20s");

  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final SigningSecret secret = SigningSecret.generate(new SecureRandom());
  private final MemoryDeliveries deliveries = new MemoryDeliveries();
  private HttpServer server;
  private Sending sending;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext(
        "/fail",
        x -> {
          x.getRequestBody().readAllBytes();
          x.sendResponseHeaders(500, -1);
          x.close();
        });
    server.createContext(
        "/echo",
        x -> {
          String challenge =
              JSON.readTree(x.getRequestBody().readAllBytes()).at("/data/challenge").asText();
          byte[] out = ("{\"challenge\": \"" + challenge + "\"}").getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, out.length);
          x.getResponseBody().write(out);
          x.close();
        });
    server.createContext(
        "/mute",
        x -> {
          x.getRequestBody().readAllBytes();
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    server.start();
    WebhookSettings settings =
        new WebhookSettings(
            true,
            DestinationPolicy.parse("127.0.0.1"),
            SCHEDULE,
            Duration.ofSeconds(2),
            Duration.ofDays(5),
            Duration.ofMillis(50),
            8,
            Duration.ofHours(24),
            2,
            Retention.FOREVER);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    sending =
        new Sending(
            "s1",
            deliveries,
            MemoryDeliveries.posting(settings, executor, clock),
            settings,
            clock,
            new Random(1),
            () -> {},
            () -> 0.0,
            Duration.ZERO,
            Duration.ZERO);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Test
  void aFailedAttemptIsDueAgainAfterTheNextDelayAndTheLastOneHasNone() {
    deliveries.add(delivery(1, 0));
    deliveries.add(delivery(2, 2));
    sending.tick();
    await().until(() -> sending.inFlight() == 0);
    sending.flush();
    assertThat(deliveries.recorded).hasSize(2);
    AttemptRecord first =
        deliveries.recorded.stream().filter(r -> r.seq() == 1).findFirst().orElseThrow();
    assertThat(first.verdict()).isEqualTo(AttemptVerdict.RETRY);
    assertThat(first.status()).hasValue(500);
    assertThat(first.retryAt())
        .hasValueSatisfying(t -> assertThat(t).isBetween(NOW.plusSeconds(8), NOW.plusSeconds(12)));
    AttemptRecord last =
        deliveries.recorded.stream().filter(r -> r.seq() == 2).findFirst().orElseThrow();
    assertThat(last.retryAt()).as("the schedule is spent after three attempts").isEmpty();
  }

  @Test
  void anEndpointIsVerifiedOnlyWhenItEchoesItsChallenge() {
    deliveries.challenge(target("/echo"));
    deliveries.challenge(target("/mute"));
    sending.tick();
    await().until(() -> deliveries.verifications.size() == 2);
    assertThat(deliveries.verifications)
        .anySatisfy(v -> assertThat(v).isEqualTo(url("/echo") + " verified"))
        .anySatisfy(
            v ->
                assertThat(v)
                    .startsWith(url("/mute") + " failed")
                    .contains("without echoing the challenge")
                    .contains("retry"));
  }

  private DueDelivery delivery(long seq, int attemptsMade) {
    return new DueDelivery(
        seq,
        "dlv_" + seq,
        "evt_" + seq,
        WebhookId.parse("wh_1"),
        url("/fail"),
        List.of(secret),
        "{\"id\":\"evt_" + seq + "\"}",
        attemptsMade);
  }

  private VerificationTarget target(String path) {
    return new VerificationTarget(WebhookId.parse("wh_1"), url(path), List.of(secret), 0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }
}
