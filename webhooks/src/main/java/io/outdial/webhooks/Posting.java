package io.outdial.webhooks;

import io.outdial.core.webhook.DestinationPolicy;
import io.outdial.core.webhook.SigningSecret;
import io.outdial.core.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One signed POST to an endpoint: the destination checked after resolving its host (every address
 * must be allowed), no redirect followed, an answer awaited for the timeout, at most a few
 * kilobytes of its body read (the rest is dropped with the connection).
 */
final class Posting {
  /** The most of an answer's body read: enough for a challenge or an error message. */
  static final int BODY_EXCERPT_BYTES = 4096;

  /** What came of one POST. */
  record Answer(OptionalInt status, int latencyMs, String body, Optional<String> error) {
    static Answer failed(int latencyMs, String error) {
      return new Answer(OptionalInt.empty(), latencyMs, "", Optional.of(error));
    }
  }

  /** Resolves host names (the tests give one that answers what they want). */
  interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    Resolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));
  }

  private final HttpClient http;
  private final DestinationPolicy destinations;
  private final Resolver resolver;
  private final Duration timeout;
  private final Executor executor;
  private final Clock clock;

  Posting(
      HttpClient http,
      DestinationPolicy destinations,
      Resolver resolver,
      Duration timeout,
      Executor executor,
      Clock clock) {
    this.http = http;
    this.destinations = destinations;
    this.resolver = resolver;
    this.timeout = timeout;
    this.executor = executor;
    this.clock = clock;
  }

  /** An HTTP client that never follows redirects, speaking HTTP/1.1 as most receivers expect. */
  static HttpClient client(Duration connectTimeout, Executor executor) {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .executor(executor)
        .build();
  }

  /** Posts {@code body} as message {@code messageId}, signed with each of {@code secrets}. */
  CompletableFuture<Answer> post(
      String url, String messageId, byte[] body, List<SigningSecret> secrets) {
    long started = System.nanoTime();
    return CompletableFuture.supplyAsync(() -> check(url), executor)
        .thenCompose(
            refusal -> {
              if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(Answer.failed(0, refusal.get()));
              }
              long timestamp = clock.instant().getEpochSecond();
              HttpRequest request =
                  HttpRequest.newBuilder(URI.create(url))
                      .timeout(timeout)
                      .header("Content-Type", "application/json")
                      .header("User-Agent", "Outdial-Webhooks/1")
                      .header("webhook-id", messageId)
                      .header("webhook-timestamp", Long.toString(timestamp))
                      .header(
                          "webhook-signature",
                          WebhookSignature.header(secrets, messageId, timestamp, body))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build();
              return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                  .thenApplyAsync(response -> answer(response, started), executor)
                  .exceptionally(e -> Answer.failed(elapsed(started), describe(e)));
            });
  }

  /** Why the URL's destination is refused now, after resolving its host; empty when it is not. */
  private Optional<String> check(String url) {
    URI uri = URI.create(url);
    String host = uri.getHost();
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.of("the host " + host + " could not be resolved");
    }
    if (addresses.isEmpty()) {
      return Optional.of("the host " + host + " has no address");
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal = destinations.refuseAddress(host, address);
      if (refusal.isPresent()) {
        return refusal;
      }
    }
    if ("http".equalsIgnoreCase(uri.getScheme())
        && !destinations.plainHttpAllowed(host, addresses)) {
      return Optional.of("plain http is allowed only to destinations the operator allows");
    }
    return Optional.empty();
  }

  private Answer answer(HttpResponse<InputStream> response, long started) {
    int latency = elapsed(started);
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readNBytes(BODY_EXCERPT_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      body = "";
    }
    int status = response.statusCode();
    Optional<String> error =
        status >= 200 && status < 300
            ? Optional.empty()
            : Optional.of(
                status >= 300 && status < 400
                    ? "answered " + status + " (redirects are not followed)"
                    : "answered " + status);
    return new Answer(OptionalInt.of(status), latency, body, error);
  }

  private String describe(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof HttpConnectTimeoutException) {
      return "could not connect within " + timeout.toSeconds() + " s";
    }
    if (cause instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof javax.net.ssl.SSLException) {
      return "TLS failed: " + cause.getMessage();
    }
    return "delivery failed: "
        + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  private static int elapsed(long started) {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
  }
}
