package it.outdial.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on loopback (the JDK's HTTP server): records every request, answers ownership
 * challenges by echoing them, and answers events with the status its path's script gives for the
 * n-th event request on that path (200 when unscripted).
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Received(String path, Map<String, String> headers, String body, Instant at) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public String type() {
      return json().path("type").asText();
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, IntUnaryOperator> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();
  private final Map<String, Long> slow = new ConcurrentHashMap<>();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of {@code path} on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers the n-th (from 1) event request on {@code path} with {@code script(n)}. */
  public WebhookReceiver script(String path, IntUnaryOperator script) {
    scripts.put(path, script);
    return this;
  }

  /** Holds every event request on {@code path} for this long before answering (a slow endpoint). */
  public WebhookReceiver delay(String path, long millis) {
    delays.put(path, millis);
    return this;
  }

  /** Holds every event request on {@code path} for this long before answering. */
  public WebhookReceiver slow(String path, long millis) {
    slow.put(path, millis);
    return this;
  }

  /** Every event (not challenge) request received on {@code path}, in arrival order. */
  public List<Received> events(String path) {
    List<Received> found = new ArrayList<>();
    for (Received r : received) {
      if (r.path().equals(path) && !r.type().equals("webhook.verification")) {
        found.add(r);
      }
    }
    return found;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    String body = new String(bytes, StandardCharsets.UTF_8);
    Map<String, String> headers = new java.util.HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
    String path = exchange.getRequestURI().getPath();
    Received r = new Received(path, headers, body, Instant.now());
    received.add(r);
    int status;
    String answer = "";
    if (r.type().equals("webhook.verification")) {
      status = 200;
      answer = "{\"challenge\": \"" + r.json().at("/data/challenge").asText() + "\"}";
    } else {
      int n = counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
      status = scripts.getOrDefault(path, k -> 200).applyAsInt(n);
      Long delay = n == 1 ? delays.get(path) : slow.get(path);
      if (delay == null) {
        delay = slow.get(path);
      }
      if (delay != null) {
        try {
          Thread.sleep(delay); // the endpoint's own slowness, not a test's synchronisation
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(out);
    } catch (IOException e) {
      // the sender gave up waiting (a timeout test): nothing to answer to
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
