package io.outdial.carrier.sip.provider;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
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
  private volatile int speechStatus = 200;
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
