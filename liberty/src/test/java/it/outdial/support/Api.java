package it.outdial.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain HTTP client for Outdial's API, as any integrator would use it. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  // 127.0.0.1 is everybody's; 127.0.0.2 and up are handed out by fromOwnAddress()
  private static final AtomicInteger LAST_LOOPBACK = new AtomicInteger(1);

  private final String baseUrl;
  private final HttpClient client;

  Api(String baseUrl) {
    this(baseUrl, CLIENT);
  }

  private Api(String baseUrl, HttpClient client) {
    this.baseUrl = baseUrl;
    this.client = client;
  }

  /**
   * The same API, reached from a loopback address that no other client in this test JVM uses
   * (127.0.0.2, 127.0.0.3, ...; Linux answers on all of 127/8): for tests that send wrong admin
   * keys, since the server locks out the address they come from, and other tests share 127.0.0.1.
   */
  public Api fromOwnAddress() {
    int last = LAST_LOOPBACK.incrementAndGet();
    if (last > 254) {
      throw new IllegalStateException("no loopback address left for another client");
    }
    try {
      InetAddress local = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
      URI base = URI.create(baseUrl);
      // HTTP/1.1, as browsers and curl speak to http://: a new java.net.http client would try to
      // upgrade its first request to HTTP/2 (h2c), and Liberty cuts a Faces page short when it
      // answers that very request
      return new Api(
          "http://127.0.0.1:" + base.getPort(),
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .localAddress(local)
              .build());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer with its body parsed as JSON when it is JSON. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (status " + status + "): " + body, e);
      }
    }

    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }
  }

  public Reply get(String path, String... headers) {
    return send("GET", path, null, null, headers);
  }

  public Reply post(String path, String json, String... headers) {
    return send("POST", path, json, "application/json", headers);
  }

  /**
   * Pauses a campaign as soon as it can be paused: a new campaign is {@code queued} until the
   * dispatcher places its first call, and pausing a queued campaign is 409. Asks every 20 ms for at
   * most 30 s and returns the 200.
   */
  public Reply pauseOnceActive(String campaignId, String key) {
    Reply[] last = new Reply[1];
    org.awaitility.Awaitility.await("campaign " + campaignId + " paused once active")
        .pollInterval(Duration.ofMillis(20))
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              last[0] = post("/api/v1/campaigns/" + campaignId + "/pause", "", "X-API-Key", key);
              return last[0].status() != 409
                  || !last[0].body().contains("cannot pause a campaign that is queued");
            });
    return last[0];
  }

  public Reply delete(String path, String json, String... headers) {
    return send("DELETE", path, json, json == null ? null : "application/json", headers);
  }

  /** A multipart/form-data POST with one file field. */
  public Reply upload(
      String path, String field, String fileName, byte[] content, String... headers) {
    String boundary = "outdial-" + java.util.UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    String head =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\""
            + field
            + "\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(
        ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return sendBytes(
        "POST", path, body.toByteArray(), "multipart/form-data; boundary=" + boundary, headers);
  }

  /** Any request with a binary body. */
  public Reply sendBytes(
      String method, String path, byte[] body, String contentType, String... headers) {
    return execute(
        method, path, HttpRequest.BodyPublishers.ofByteArray(body), contentType, headers);
  }

  /**
   * A POST whose body is streamed from {@code body}: sent chunked, without a declared length, when
   * {@code length} is negative, else with that Content-Length. It goes over a connection of its
   * own, so that a body the server refuses midway leaves the shared client's connections alone.
   */
  public Reply stream(
      String path,
      java.util.function.Supplier<java.io.InputStream> body,
      long length,
      String contentType,
      String... headers) {
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(body);
    try (HttpClient own =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      return execute(
          own,
          "POST",
          path,
          length < 0 ? publisher : HttpRequest.BodyPublishers.fromPublisher(publisher, length),
          contentType,
          headers);
    }
  }

  /**
   * Any request: method, path, body (or null) with its content type, then header name/value pairs.
   */
  public Reply send(
      String method, String path, String body, String contentType, String... headers) {
    return execute(
        method,
        path,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body),
        contentType,
        headers);
  }

  private Reply execute(
      String method,
      String path,
      HttpRequest.BodyPublisher body,
      String contentType,
      String... headers) {
    return execute(client, method, path, body, contentType, headers);
  }

  private Reply execute(
      HttpClient client,
      String method,
      String path,
      HttpRequest.BodyPublisher body,
      String contentType,
      String... headers) {
    // uploads of tens of megabytes take longer than a plain request
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(120))
            .method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
