package io.outdial.carrier.sip.provider;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local stand-ins for a text-to-speech server ({@code POST /v1/audio/speech}: always the same WAV)
 * and a speech-to-text server ({@code POST /v1/audio/transcriptions}: keeps each uploaded WAV and
 * answers a fixed text).
 */
public final class SpeechStubs implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final byte[] speech;
  private final String transcript;
  public final BlockingQueue<byte[]> uploads = new LinkedBlockingQueue<>();
  public final AtomicInteger speechRequests = new AtomicInteger();
  public final CountDownLatch speechClosedByClient = new CountDownLatch(1);
  private volatile int speechStatus = 200;
  private volatile int streamFirst;
  private volatile CountDownLatch beforeRest;
  private volatile int transcriptionStatus = 200;

  public SpeechStubs(byte[] speechWav, String transcript) {
    this.speech = speechWav;
    this.transcript = transcript;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/audio/speech",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          speechRequests.incrementAndGet();
          if (speechStatus != 200) {
            exchange.sendResponseHeaders(speechStatus, -1);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().add("Content-Type", "audio/wav");
          if (streamFirst > 0) {
            stream(exchange);
            return;
          }
          exchange.sendResponseHeaders(200, speech.length);
          exchange.getResponseBody().write(speech);
          exchange.close();
        });
    server.createContext(
        "/v1/audio/transcriptions",
        exchange -> {
          uploads.add(wavOf(exchange.getRequestBody().readAllBytes()));
          if (transcriptionStatus != 200) {
            exchange.sendResponseHeaders(transcriptionStatus, -1);
            exchange.close();
            return;
          }
          byte[] json = ("{\"text\":\"" + transcript + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, json.length);
          exchange.getResponseBody().write(json);
          exchange.close();
        });
    server.setExecutor(pool);
    server.start();
  }

  /**
   * Makes the text-to-speech endpoint stream: the WAV's first {@code firstBytes} bytes at once,
   * then, once {@code beforeRest} is down, the rest.
   */
  SpeechStubs streamSpeech(int firstBytes, CountDownLatch beforeRest) {
    this.streamFirst = firstBytes;
    this.beforeRest = beforeRest;
    return this;
  }

  /**
   * Makes the text-to-speech endpoint stream without end: the WAV's first {@code firstBytes} bytes,
   * then its samples again and again, paced, until the client closes the connection, which counts
   * {@link #speechClosedByClient} down.
   */
  SpeechStubs streamSpeechEndlessly(int firstBytes) {
    this.streamFirst = firstBytes;
    this.beforeRest = null;
    return this;
  }

  private void stream(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    try {
      out.write(speech, 0, streamFirst);
      out.flush();
      CountDownLatch gate = beforeRest;
      if (gate != null) {
        if (!gate.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never let the rest of the audio go");
        }
        out.write(speech, streamFirst, speech.length - streamFirst);
        out.close();
        return;
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int piece = 960; // 20 ms at 24 kHz
      for (int at = streamFirst; System.nanoTime() < deadline; at += piece) {
        if (at + piece > speech.length) {
          at = 44; // the samples again
        }
        out.write(speech, at, piece);
        out.flush();
        Thread.sleep(20); // pacing the stub's output like a real-time synthesis
      }
    } catch (IOException e) {
      speechClosedByClient.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  /** Makes the text-to-speech endpoint answer {@code status} without audio. */
  SpeechStubs failSpeech(int status) {
    this.speechStatus = status;
    return this;
  }

  /** Makes the speech-to-text endpoint answer {@code status} without text. */
  SpeechStubs failTranscription(int status) {
    this.transcriptionStatus = status;
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The file part of a multipart upload: from "RIFF" to the CRLF before the next boundary. */
  private static byte[] wavOf(byte[] multipart) {
    String text = new String(multipart, StandardCharsets.ISO_8859_1);
    int start = text.indexOf("RIFF");
    int end = text.indexOf("\r\n--", start);
    return start < 0 || end < 0 ? new byte[0] : Arrays.copyOfRange(multipart, start, end);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
