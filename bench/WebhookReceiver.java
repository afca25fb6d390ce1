import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook receiver for bench/webhook-delivery.sh, run as a single-file program:
 *
 * <pre>java bench/WebhookReceiver.java PORT OUT_FILE [THREADS]</pre>
 *
 * Listens on 127.0.0.1:PORT with the JDK's HttpServer on a pool of THREADS (default 8). A POST
 * whose body has {@code "type": "webhook.verification"} is answered 200 with {@code {"challenge":
 * "<data.challenge>"}}; any other POST is answered 200 at once, and one line is appended to
 * OUT_FILE: {@code <webhook-id> <type> <data.ended_at in epoch ms, or -> <receive time in epoch
 * ms>}. Signatures are not checked. {@code GET /count} answers the number of events received (and
 * flushes OUT_FILE); the file is also flushed every second.
 */
public final class WebhookReceiver {
  private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern ENDED_AT = Pattern.compile("\"ended_at\"\\s*:\\s*\"([^\"]*)\"");
  private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);

  private static final AtomicLong received = new AtomicLong();
  private static BufferedWriter out;

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.setExecutor(pool);
    server.createContext("/", WebhookReceiver::handle);
    server.start();
    Thread flusher =
        new Thread(
            () -> {
              while (true) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
                flush();
              }
            });
    flusher.setDaemon(true);
    flusher.start();
    Runtime.getRuntime().addShutdownHook(new Thread(WebhookReceiver::flush));
    System.out.println("receiving on 127.0.0.1:" + port);
  }

  private static void flush() {
    synchronized (WebhookReceiver.class) {
      try {
        out.flush();
      } catch (IOException e) {
        e.printStackTrace();
      }
    }
  }

  private static void handle(HttpExchange x) throws IOException {
    try (x) {
      if ("GET".equals(x.getRequestMethod())) {
        flush();
        answer(x, 200, (received.get() + "\n").getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] bytes;
      try (InputStream in = x.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      long now = System.currentTimeMillis();
      String body = new String(bytes, StandardCharsets.UTF_8);
      String type = find(TYPE, body);
      if ("webhook.verification".equals(type)) {
        String challenge = find(CHALLENGE, body);
        answer(x, 200, ("{\"challenge\": \"" + challenge + "\"}").getBytes(StandardCharsets.UTF_8));
        System.out.println("answered a challenge");
        return;
      }
      answer(x, 200, OK);
      String ended = find(ENDED_AT, body);
      String line =
          x.getRequestHeaders().getFirst("webhook-id")
              + ' '
              + type
              + ' '
              + (ended == null ? "-" : Long.toString(Instant.parse(ended).toEpochMilli()))
              + ' '
              + now
              + '\n';
      synchronized (WebhookReceiver.class) {
        out.write(line);
      }
      received.incrementAndGet();
    }
  }

  private static void answer(HttpExchange x, int status, byte[] body) throws IOException {
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, body.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(body);
    }
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
