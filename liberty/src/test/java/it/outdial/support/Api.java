package it.outdial.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plain HTTP client for Outdial's API, as any integrator would use it. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  Api(String baseUrl) {
    this.baseUrl = baseUrl;
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
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
