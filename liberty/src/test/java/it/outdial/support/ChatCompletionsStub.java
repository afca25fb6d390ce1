package it.outdial.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server on loopback (the JDK's HTTP server), standing in for
 * a model server, which cannot run here. It records every request and answers each with the message
 * content its script gives for the request's body; a script answering {@code null} makes it fail
 * the request with 500.
 */
public final class ChatCompletionsStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final Function<JsonNode, String> script;

  /** A stub answering each request body with the content {@code script} gives. */
  public ChatCompletionsStub(Function<JsonNode, String> script) {
    this.script = script;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(threads);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  /** The server root, without {@code /v1}: what {@code OUTDIAL_AGENT_OPENAI_BASE_URL} takes. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request body received, in order. */
  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** Whether {@code request} asks for a post-call analysis (a strict JSON schema answer). */
  public static boolean isAnalysis(JsonNode request) {
    return request.path("response_format").path("type").asText().equals("json_schema");
  }

  /** The request's system message. */
  public static String system(JsonNode request) {
    return request.path("messages").path(0).path("content").asText();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(body);
      String content = script.apply(body);
      byte[] answer;
      int status;
      if (content == null) {
        status = 500;
        answer = "{\"error\": {\"message\": \"stub failure\"}}".getBytes(StandardCharsets.UTF_8);
      } else {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("choices")
            .addObject()
            .putObject("message")
            .put("role", "assistant")
            .put("content", content);
        status = 200;
        answer = root.toString().getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
