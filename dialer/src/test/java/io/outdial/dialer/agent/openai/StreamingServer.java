package io.outdial.dialer.agent.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server that streams its answer (chunked transfer encoding) as the test's script
 * says, and notices when the client closes the connection in the middle of it.
 */
final class StreamingServer implements AutoCloseable {
  /** What the server does with one request; it may block on the test's latches. */
  interface Script {
    void run(Exchange exchange) throws IOException, InterruptedException;
  }

  /** One request being answered. */
  static final class Exchange {
    private final HttpExchange exchange;
    private OutputStream out;

    Exchange(HttpExchange exchange) {
      this.exchange = exchange;
    }

    /** Starts a chunked 200 answer of {@code contentType}. */
    void start(String contentType) throws IOException {
      exchange.getResponseHeaders().add("Content-Type", contentType);
      exchange.sendResponseHeaders(200, 0);
      out = exchange.getResponseBody();
    }

    /** Answers {@code status} without a body. */
    void fail(int status) throws IOException {
      exchange.sendResponseHeaders(status, -1);
    }

    void send(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    void send(String text) throws IOException {
      send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code filler} again and again until the client has gone (bounded at 30 s): the write
     * that fails then is the server's proof that the connection was closed.
     */
    void sendUntilClosed(byte[] filler) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        send(filler); // throws once the client closed the connection
        Thread.sleep(10); // pacing of the stub's output, not synchronisation
      }
      throw new IllegalStateException("the client never closed the stream");
    }

    void end() throws IOException {
      out.close();
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  final CountDownLatch closedByClient = new CountDownLatch(1);
  volatile String lastBody;
  volatile int requests;

  StreamingServer(String path, Script script) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        path,
        http -> {
          requests++;
          lastBody = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Exchange exchange = new Exchange(http);
          try {
            script.run(exchange);
          } catch (IOException e) {
            closedByClient.countDown();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IllegalStateException e) {
            // the client kept reading: the test's latch stays down and its assertion fails
          } finally {
            http.close();
          }
        });
    server.setExecutor(pool);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
