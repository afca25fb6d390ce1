package io.outdial.carrier.sip.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.outdial.dialer.agent.SentenceSplitter;
import io.outdial.media.audio.Wav;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Local stand-ins for the speech-to-text, chat-completions and text-to-speech servers of a call,
 * answering on a latency profile instead of running models (no model server runs here). Benchmark
 * support, not a test.
 *
 * <ul>
 *   <li>{@code POST /v1/audio/transcriptions}: answers {@link Profile#sttMs} after the upload was
 *       read, with {@link #TRANSCRIPT}.
 *   <li>{@code POST /v1/chat/completions}: the reply {@link #reply()} (the JSON object the agent
 *       asks for) cut into tokens of {@link #TOKEN_CHARS} characters; streaming, one server-sent
 *       event per token, the first {@link Profile#llmFirstMs} after the request, then {@link
 *       Profile#llmTokensPerSecond}; not streaming (the "before" mode), the whole answer as plain
 *       JSON once the last token would have been generated.
 *   <li>{@code POST /v1/audio/speech}: a 24 kHz WAV of a 300 Hz tone, {@link #MS_PER_CHAR} per
 *       character of the text; streaming, chunked, the header and the first 60 ms at {@link
 *       Profile#ttsFirstMs} after the request, then 60 ms of audio every {@code 60 / speed} ms
 *       ({@link Profile#ttsSpeed} × real time); not streaming, the whole WAV once the synthesis
 *       would have ended ({@code ttsFirstMs + duration / speed}).
 * </ul>
 */
final class LatencyStubs implements AutoCloseable {
  /** What the callee is heard to say, every turn. */
  static final String TRANSCRIPT = "How much does it cost?";

  /** The words of the model's reply, every turn. */
  static final String SAY = "Sure, I can help with that. It costs twenty dollars a month.";

  /** Characters per token of the simulated model (about what English text averages). */
  static final int TOKEN_CHARS = 4;

  /** Length of synthesised speech per character of text (about 14 characters a second). */
  static final int MS_PER_CHAR = 60;

  private static final int RATE = 24_000;
  private static final int CHUNK_MS = 60;

  /**
   * The latency profile.
   *
   * @param streaming whether the LLM streams events and the TTS streams audio (after) or both
   *     answer whole (before)
   */
  record Profile(
      boolean streaming,
      int sttMs,
      int llmFirstMs,
      double llmTokensPerSecond,
      int ttsFirstMs,
      double ttsSpeed) {}

  private final Profile profile;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final ObjectMapper json = new ObjectMapper();

  LatencyStubs(Profile profile) {
    this.profile = profile;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/audio/transcriptions", this::transcribe);
    server.createContext("/v1/chat/completions", this::complete);
    server.createContext("/v1/audio/speech", this::synthesize);
    server.setExecutor(pool);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The model's whole reply, as the agent asks for it. */
  String reply() {
    ObjectNode node = json.createObjectNode();
    node.put("say", SAY);
    node.putArray("intents");
    node.putNull("disposition");
    node.put("end_call", false);
    return node.toString();
  }

  /** The reply cut into the tokens the stub sends. */
  List<String> tokens() {
    String reply = reply();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < reply.length(); i += TOKEN_CHARS) {
      tokens.add(reply.substring(i, Math.min(reply.length(), i + TOKEN_CHARS)));
    }
    return tokens;
  }

  /** When token {@code i} (from 0) leaves the stub, in ms after the request. */
  double tokenMs(int i) {
    return profile.llmFirstMs() + i * 1000.0 / profile.llmTokensPerSecond();
  }

  /**
   * When the agent's sentence splitter has the first sentence of the reply, in ms after the
   * request: the token that brings the whitespace after its end (read with the product's own {@link
   * SentenceSplitter} over the say text as it grows).
   */
  double firstSentenceMs() {
    List<String> tokens = tokens();
    String head = "{\"say\":\"";
    StringBuilder content = new StringBuilder();
    SentenceSplitter splitter = new SentenceSplitter();
    int fed = 0;
    for (int i = 0; i < tokens.size(); i++) {
      content.append(tokens.get(i));
      if (content.length() <= head.length()) {
        continue;
      }
      int end = Math.min(content.length(), head.length() + SAY.length());
      String say = content.substring(head.length(), end);
      if (say.length() > fed) {
        List<String> done = splitter.push(say.substring(fed));
        fed = say.length();
        if (!done.isEmpty()) {
          return tokenMs(i);
        }
      }
    }
    return tokenMs(tokens.size() - 1);
  }

  /** The last token's time: when a non-streaming answer is complete. */
  double wholeReplyMs() {
    return tokenMs(tokens().size() - 1);
  }

  /** Length of the speech synthesised for {@code text}, in ms. */
  static int speechMs(String text) {
    return text.length() * MS_PER_CHAR;
  }

  /** The first sentence of {@link #SAY}, as the agent hands it to text to speech. */
  static String firstSentence() {
    return SAY.substring(0, SAY.indexOf('.') + 1);
  }

  private void transcribe(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    long t0 = System.nanoTime();
    sleepUntil(t0, profile.sttMs());
    byte[] body = ("{\"text\":\"" + TRANSCRIPT + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private void complete(HttpExchange exchange) throws IOException {
    long t0 = System.nanoTime();
    exchange.getRequestBody().readAllBytes();
    try {
      List<String> tokens = tokens();
      if (!profile.streaming()) {
        sleepUntil(t0, wholeReplyMs());
        ObjectNode answer = json.createObjectNode();
        answer
            .putArray("choices")
            .addObject()
            .putObject("message")
            .put("role", "assistant")
            .put("content", reply());
        byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (int i = 0; i < tokens.size(); i++) {
        sleepUntil(t0, tokenMs(i));
        ObjectNode event = json.createObjectNode();
        event.putArray("choices").addObject().putObject("delta").put("content", tokens.get(i));
        out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the agent closed the stream (barge-in)
    } finally {
      exchange.close();
    }
  }

  private void synthesize(HttpExchange exchange) throws IOException {
    long t0 = System.nanoTime();
    String text = json.readTree(exchange.getRequestBody().readAllBytes()).path("input").asText("");
    byte[] wav = tone(speechMs(text));
    exchange.getResponseHeaders().add("Content-Type", "audio/wav");
    try {
      if (!profile.streaming()) {
        sleepUntil(t0, profile.ttsFirstMs() + speechMs(text) / profile.ttsSpeed());
        exchange.sendResponseHeaders(200, wav.length);
        exchange.getResponseBody().write(wav);
        return;
      }
      int chunk = RATE * 2 * CHUNK_MS / 1000;
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      int n = 0;
      for (int at = 44; at < wav.length; at += chunk, n++) {
        sleepUntil(t0, profile.ttsFirstMs() + n * CHUNK_MS / profile.ttsSpeed());
        if (n == 0) {
          out.write(wav, 0, 44);
        }
        out.write(wav, at, Math.min(chunk, wav.length - at));
        out.flush();
      }
    } catch (IOException e) {
      // the carrier closed the stream (barge-in)
    } finally {
      exchange.close();
    }
  }

  /** A 300 Hz tone at about -12 dBFS, 24 kHz mono, as a whole WAV. */
  private static byte[] tone(int ms) {
    short[] pcm = new short[RATE * ms / 1000];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) Math.round(Math.sin(2 * Math.PI * 300 * i / RATE) * 8000);
    }
    return Wav.write(pcm, RATE);
  }

  private static void sleepUntil(long t0, double ms) {
    long due = t0 + (long) (ms * 1_000_000);
    long left;
    while ((left = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  static String describe(Profile p) {
    return String.format(
        java.util.Locale.ROOT,
        "%s; STT %d ms after the upload; LLM first token %d ms, then %.0f tokens/s (%d-character"
            + " tokens); TTS first audio %d ms, then %.1fx real time",
        p.streaming() ? "streaming (SSE, chunked audio)" : "non-streaming (plain JSON, whole WAV)",
        p.sttMs(),
        p.llmFirstMs(),
        p.llmTokensPerSecond(),
        TOKEN_CHARS,
        p.ttsFirstMs(),
        p.ttsSpeed());
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
