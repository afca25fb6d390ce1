package io.outdial.dialer.agent.openai;

import io.outdial.dialer.agent.AgentException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** What the two HTTP clients share: URL checks and the mapping of failures to AgentException. */
final class HttpSupport {
  private HttpSupport() {}

  static URI requireHttpBase(URI baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("baseUrl must be http or https: " + baseUrl);
    }
    String s = baseUrl.toString();
    // Accept "http://host:8000/" and "http://host:8000/v1" alike: both are common in tools' docs.
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.endsWith("/v1")) {
      s = s.substring(0, s.length() - 3);
    }
    return URI.create(s);
  }

  static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration: " + d);
    }
  }

  /**
   * Bounds a streamed answer: {@code result} fails with a timeout ({@code server} "did not finish
   * {@code what} in time") unless done within {@code timeout}, and when it ends in any failure
   * (cancelled at a barge-in, timed out, failed) {@code stop} closes the stream.
   */
  static <T> void bound(
      CompletableFuture<T> result, Duration timeout, String server, String what, Runnable stop) {
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () ->
                result.completeExceptionally(
                    new AgentException(
                        AgentException.Kind.TIMEOUT,
                        Optional.empty(),
                        server + " did not finish " + what + " in time",
                        null)));
    result.whenComplete(
        (done, error) -> {
          if (error != null) {
            stop.run();
          }
        });
  }

  /** The endpoint URI: {@code base} + {@code /v1/...}. */
  static URI endpoint(URI base, String path) {
    return URI.create(base.toString() + path);
  }

  /** Fails on a non-2xx answer, keeping only the status (bodies may echo the prompt). */
  static <T> HttpResponse<T> requireSuccess(String server, HttpResponse<T> response) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw statusFailure(server, status);
    }
    return response;
  }

  /** The failure of a non-2xx answer. */
  static AgentException statusFailure(String server, int status) {
    return new AgentException(
        AgentException.Kind.HTTP_STATUS,
        Optional.of(status),
        server + " answered HTTP " + status,
        null);
  }

  /** Turns whatever the HTTP client or our parsing threw into one clear exception. */
  static AgentException translate(String server, Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof AgentException agent) {
      return agent;
    }
    if (cause instanceof HttpTimeoutException) {
      return new AgentException(
          AgentException.Kind.TIMEOUT, Optional.empty(), server + " did not answer in time", cause);
    }
    if (cause instanceof IOException) {
      return new AgentException(
          AgentException.Kind.UNREACHABLE,
          Optional.empty(),
          server + " could not be reached: " + cause.getClass().getSimpleName(),
          cause);
    }
    return new AgentException(
        AgentException.Kind.MALFORMED,
        Optional.empty(),
        server + " gave an unusable answer: " + cause.getMessage(),
        cause);
  }
}
