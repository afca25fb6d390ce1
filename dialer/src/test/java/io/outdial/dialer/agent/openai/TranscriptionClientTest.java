package io.outdial.dialer.agent.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.outdial.dialer.agent.AgentException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TranscriptionClientTest {
  private static final String KEY = "sk-test-secret-456";

  /** A real WAV header and samples whose bytes are not text, so any re-encoding would show. */
  private static final byte[] WAV = wav();

  private final CapturingServer server = new CapturingServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private TranscriptionClient client(Optional<String> key, Duration timeout) {
    return new TranscriptionClient(
        new TranscriptionConfig(server.base(), "whisper-1", key, timeout));
  }

  private AgentException failure(Duration timeout) {
    Throwable t =
        catchThrowable(
            () ->
                client(Optional.of(KEY), timeout)
                    .transcribe(WAV, Optional.empty())
                    .toCompletableFuture()
                    .join());
    assertThat(t).hasCauseInstanceOf(AgentException.class);
    assertThat(t.getCause()).hasMessageNotContaining(KEY);
    return (AgentException) t.getCause();
  }

  @Test
  void uploadsTheWavWithModelAndLanguageAndReturnsTheText() {
    server.answer(200, "{\"text\": \" Hello, who is this? \"}");

    String text =
        client(Optional.of(KEY), Duration.ofSeconds(5))
            .transcribe(WAV, Optional.of("en"))
            .toCompletableFuture()
            .join();

    assertThat(text).isEqualTo("Hello, who is this?");
    assertThat(server.path).isEqualTo("/v1/audio/transcriptions");
    assertThat(server.authorization).isEqualTo("Bearer " + KEY);
    Map<String, Part> parts = server.parts();
    assertThat(parts).containsOnlyKeys("model", "language", "response_format", "file");
    assertThat(parts.get("model").text()).isEqualTo("whisper-1");
    assertThat(parts.get("language").text()).isEqualTo("en");
    assertThat(parts.get("response_format").text()).isEqualTo("json");
    assertThat(parts.get("file").headers())
        .contains("filename=\"utterance.wav\"")
        .contains("Content-Type: audio/wav");
    assertThat(parts.get("file").body()).isEqualTo(WAV);
  }

  @Test
  void withoutLanguageOrKeyNeitherIsSent() {
    server.answer(200, "{\"text\": \"\"}");

    String text =
        client(Optional.empty(), Duration.ofSeconds(5))
            .transcribe(WAV, Optional.empty())
            .toCompletableFuture()
            .join();

    assertThat(text).isEmpty();
    assertThat(server.authorization).isNull();
    assertThat(server.parts()).containsOnlyKeys("model", "response_format", "file");
  }

  @Test
  void serverErrorsBrokenAnswersAndSilenceAreClearFailures() {
    server.answer(503, "{\"error\": \"overloaded\"}");
    AgentException unavailable = failure(Duration.ofSeconds(5));
    assertThat(unavailable.kind()).isEqualTo(AgentException.Kind.HTTP_STATUS);
    assertThat(unavailable.httpStatus()).contains(503);

    server.answer(200, "not json");
    assertThat(failure(Duration.ofSeconds(5)).kind()).isEqualTo(AgentException.Kind.MALFORMED);

    server.answer(200, "{\"segments\": []}");
    assertThat(failure(Duration.ofSeconds(5)))
        .hasMessageContaining("no text")
        .extracting(AgentException::kind)
        .isEqualTo(AgentException.Kind.MALFORMED);

    server.hang();
    assertThat(failure(Duration.ofMillis(300)).kind()).isEqualTo(AgentException.Kind.TIMEOUT);
  }

  @Test
  void aServerThatIsNotThereIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    TranscriptionClient client =
        new TranscriptionClient(
            new TranscriptionConfig(
                URI.create("http://127.0.0.1:" + port),
                "whisper-1",
                Optional.of(KEY),
                Duration.ofSeconds(5)));

    Throwable t =
        catchThrowable(() -> client.transcribe(WAV, Optional.empty()).toCompletableFuture().join());

    assertThat(t.getCause())
        .isInstanceOf(AgentException.class)
        .hasMessageNotContaining(KEY)
        .extracting(e -> ((AgentException) e).kind())
        .isEqualTo(AgentException.Kind.UNREACHABLE);
  }

  @Test
  void refusesEmptyAudioAndLanguagesThatAreNotCodes() {
    TranscriptionClient client = client(Optional.empty(), Duration.ofSeconds(5));

    assertThatThrownBy(() -> client.transcribe(new byte[0], Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.transcribe(WAV, Optional.of("English")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO 639-1");
    assertThat(server.requests).isZero();
  }

  @Test
  void theConfigNeverShowsTheKey() {
    TranscriptionConfig config =
        new TranscriptionConfig(
            URI.create("http://localhost:8000/v1/"),
            "whisper-1",
            Optional.of(KEY),
            Duration.ofSeconds(5));

    assertThat(config.toString()).doesNotContain(KEY).contains("***");
    assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:8000"));
  }

  private static byte[] wav() {
    byte[] header = {
      'R',
      'I',
      'F',
      'F',
      44,
      1,
      0,
      0,
      'W',
      'A',
      'V',
      'E',
      'f',
      'm',
      't',
      ' ',
      16,
      0,
      0,
      0,
      1,
      0,
      1,
      0,
      0x40,
      0x1F,
      0,
      0,
      (byte) 0x80,
      0x3E,
      0,
      0,
      2,
      0,
      16,
      0,
      'd',
      'a',
      't',
      'a',
      0,
      1,
      0,
      0
    };
    byte[] wav = Arrays.copyOf(header, header.length + 256);
    for (int i = 0; i < 256; i++) {
      wav[header.length + i] = (byte) i; // every byte value, CR and LF and '-' included
    }
    return wav;
  }

  /** One part of a multipart/form-data body. */
  private record Part(String headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The JDK's HTTP server keeping the raw request bytes, which {@link StubServer} decodes. */
  private static final class CapturingServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile byte[] answer = new byte[0];
    private volatile boolean hang;
    volatile String path;
    volatile String contentType;
    volatile String authorization;
    volatile byte[] body;
    volatile int requests;

    CapturingServer() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      server.createContext(
          "/",
          exchange -> {
            requests++;
            path = exchange.getRequestURI().getPath();
            contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            body = exchange.getRequestBody().readAllBytes();
            if (hang) {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
          });
      server.setExecutor(pool);
      server.start();
    }

    URI base() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(int status, String json) {
      this.status = status;
      this.answer = json.getBytes(StandardCharsets.UTF_8);
    }

    void hang() {
      hang = true;
    }

    /** The parts of the last request, by name, split on the boundary its Content-Type names. */
    Map<String, Part> parts() {
      assertThat(contentType).startsWith("multipart/form-data; boundary=");
      byte[] delimiter =
          ("\r\n--" + contentType.substring(contentType.indexOf("boundary=") + 9))
              .getBytes(StandardCharsets.US_ASCII);
      byte[] data = new byte[body.length + 2]; // a leading CRLF makes every delimiter alike
      data[0] = '\r';
      data[1] = '\n';
      System.arraycopy(body, 0, data, 2, body.length);
      Map<String, Part> parts = new LinkedHashMap<>();
      int at = indexOf(data, delimiter, 0);
      assertThat(at).as("first boundary").isZero();
      while (true) {
        int start = at + delimiter.length;
        if (data[start] == '-' && data[start + 1] == '-') {
          assertThat(start + 4).as("nothing after the closing boundary").isEqualTo(data.length);
          return parts;
        }
        int headersEnd = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
        String headers =
            new String(data, start + 2, headersEnd - start - 2, StandardCharsets.UTF_8);
        int next = indexOf(data, delimiter, headersEnd + 4);
        assertThat(next).as("closing boundary").isPositive();
        String name = headers.replaceFirst("(?s).*; name=\"([^\"]+)\".*", "$1");
        parts.put(name, new Part(headers, Arrays.copyOfRange(data, headersEnd + 4, next)));
        at = next;
      }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
      outer:
      for (int i = from; i <= data.length - pattern.length; i++) {
        for (int j = 0; j < pattern.length; j++) {
          if (data[i + j] != pattern[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    @Override
    public void close() {
      release.countDown();
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
