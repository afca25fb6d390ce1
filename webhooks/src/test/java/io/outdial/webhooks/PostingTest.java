package io.outdial.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.outdial.core.webhook.DestinationPolicy;
import io.outdial.core.webhook.SigningSecret;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One POST against the JDK's HTTP server on loopback. */
class PostingTest {
  private static final byte[] BODY = "{\"type\":\"call.ended\"}".getBytes(StandardCharsets.UTF_8);

  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final SigningSecret secret = SigningSecret.generate(new SecureRandom());
  private final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
  private final AtomicInteger hits = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;

  @BeforeEach
  void receiver() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/ok",
        x -> {
          hits.incrementAndGet();
          Map<String, String> h = new ConcurrentHashMap<>();
          x.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.getFirst()));
          h.put("body", new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          seen.put("/ok", h);
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    server.createContext(
        "/moved",
        x -> {
          x.getResponseHeaders().set("Location", url("/ok"));
          x.sendResponseHeaders(302, -1);
          x.close();
        });
    server.createContext(
        "/slow",
        x -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    server.createContext(
        "/huge",
        x -> {
          x.sendResponseHeaders(500, 0);
          try (OutputStream out = x.getResponseBody()) {
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 160; i++) {
              out.write(chunk);
            }
          } catch (java.io.IOException e) {
            // the sender stopped reading, as it should
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  @Test
  void signsAsTheSpecificationSaysAndReportsTheAnswer() throws Exception {
    Posting.Answer a = post(allowLoopback(), url("/ok"), "evt_1");
    assertThat(a.status()).hasValue(204);
    assertThat(a.error()).isEmpty();
    Map<String, String> h = seen.get("/ok");
    assertThat(h.get("webhook-id")).isEqualTo("evt_1");
    assertThat(h.get("content-type")).isEqualTo("application/json");
    assertThat(h.get("body")).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
    // the receiver's own check, from the specification's text
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            Base64.getDecoder().decode(secret.wire().substring("whsec_".length())), "HmacSHA256"));
    String expected =
        Base64.getEncoder()
            .encodeToString(
                mac.doFinal(
                    ("evt_1." + h.get("webhook-timestamp") + "." + h.get("body"))
                        .getBytes(StandardCharsets.UTF_8)));
    assertThat(h.get("webhook-signature")).isEqualTo("v1," + expected);
  }

  @Test
  void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
    Posting.Answer a = post(allowLoopback(), url("/moved"), "evt_2");
    assertThat(a.status()).hasValue(302);
    assertThat(a.error())
        .hasValueSatisfying(e -> assertThat(e).contains("redirects are not followed"));
    assertThat(hits).hasValue(0);
  }

  @Test
  void anEndpointThatDoesNotAnswerInTimeGetsNoStatus() throws Exception {
    Posting.Answer a = post(allowLoopback(), url("/slow"), "evt_3");
    assertThat(a.status()).isEmpty();
    assertThat(a.error()).hasValue("no answer within 1 s");
  }

  @Test
  void onlyTheStartOfAnAnswerIsRead() throws Exception {
    Posting.Answer a = post(allowLoopback(), url("/huge"), "evt_4");
    assertThat(a.status()).hasValue(500);
    assertThat(a.body()).hasSize(Posting.BODY_EXCERPT_BYTES);
  }

  @Test
  void aHostResolvingToAPrivateAddressIsNeverContacted() throws Exception {
    Posting.Resolver toPrivate = host -> List.of(InetAddress.getByName("10.0.0.7"));
    Posting p =
        new Posting(
            Posting.client(Duration.ofSeconds(1), executor),
            DestinationPolicy.STRICT,
            toPrivate,
            Duration.ofSeconds(1),
            executor,
            Clock.systemUTC());
    Posting.Answer a =
        p.post("https://hooks.example.com/ok", "evt_5", BODY, List.of(secret))
            .get(5, TimeUnit.SECONDS);
    assertThat(a.status()).isEmpty();
    assertThat(a.error())
        .hasValueSatisfying(e -> assertThat(e).contains("private address (10.0.0.7)"));
  }

  @Test
  void plainHttpGoesOnlyToAllowedDestinations() throws Exception {
    Posting.Answer a = post(DestinationPolicy.parse("127.0.0.2"), url("/ok"), "evt_6");
    assertThat(a.status()).isEmpty();
    assertThat(a.error()).hasValueSatisfying(e -> assertThat(e).contains("loopback"));
    assertThat(hits).hasValue(0);
  }

  private Posting.Answer post(DestinationPolicy policy, String url, String id) throws Exception {
    Posting posting =
        new Posting(
            Posting.client(Duration.ofSeconds(1), executor),
            policy,
            Posting.Resolver.SYSTEM,
            Duration.ofSeconds(1),
            executor,
            Clock.systemUTC());
    return posting.post(url, id, BODY, List.of(secret)).get(5, TimeUnit.SECONDS);
  }

  private static DestinationPolicy allowLoopback() {
    return DestinationPolicy.parse("127.0.0.1");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }
}
