package io.outdial.dialer.agent.openai;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A local HTTP server standing in for a model server: answers one canned response per path. */
final class StubServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile byte[] body = new byte[0];
  private volatile String contentType = "application/json";
  private volatile boolean hang;
  volatile String lastBody;
  volatile String lastAuthorization;
  volatile int requests;

  StubServer(String path) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        path,
        exchange -> {
          requests++;
          lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
          if (hang) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.setExecutor(pool);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  StubServer answer(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    return this;
  }

  StubServer answerJson(int status, String json) {
    return answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** Never answers until closed: for timeouts. */
  StubServer hang() {
    hang = true;
    return this;
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
