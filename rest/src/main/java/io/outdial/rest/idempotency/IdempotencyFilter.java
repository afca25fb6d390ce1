package io.outdial.rest.idempotency;

import io.outdial.persistence.idempotency.Begin;
import io.outdial.persistence.idempotency.IdempotencyKeys;
import io.outdial.persistence.idempotency.KeyScope;
import io.outdial.persistence.idempotency.StoredResponse;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.contact.UploadFiles;
import io.outdial.rest.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code Idempotency-Key} on the methods marked {@link Idempotent}. Without the header a request
 * runs as it always did. With it, the request is fingerprinted first ({@link Fingerprint}: a form
 * by the parts the servlet container parsed and keeps for the resource, any other body held whole
 * by {@link HeldBody}) and the key reserved for this client, method and path; then:
 *
 * <ul>
 *   <li>the key is free: the request runs; its answer (status, type, body, {@code Location}) is
 *       stored when its status is below 500, while a 5xx or a failure frees the key for a retry;
 *   <li>the same request ran before: its stored answer again, byte for byte, with {@code
 *       Idempotent-Replayed: true};
 *   <li>the same request is still running: 409 with {@code Retry-After};
 *   <li>another request used the key: 422.
 * </ul>
 *
 * <p>It runs after authentication, the rate limit and the body's size limit ({@link
 * io.outdial.rest.limits.RequestSizeFilter}), which it reads a held body through: a body over the
 * limit is refused (413) before any key is reserved.
 */
@Provider
@Idempotent
@Priority(Priorities.USER + 100)
public class IdempotencyFilter
    implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
  /** Marks a replayed answer. */
  public static final String REPLAYED = "Idempotent-Replayed";

  static final String STILL_RUNNING =
      "A request with this Idempotency-Key is still being processed; retry shortly";

  /** Seconds a client is asked to wait when the key's request still runs. */
  static final int RETRY_AFTER_SECONDS = 1;

  /** The status of a key reused for another request (Unprocessable Content, RFC 9110). */
  static final int UNPROCESSABLE = 422;

  /** Answers larger than this are not stored (those of create endpoints are far smaller). */
  static final int MAX_STORED_BYTES = 1 << 20;

  /** Paths longer than this are kept as their hash (a path is user input). */
  private static final int MAX_PATH = 1000;

  /** Headers of an answer that are stored and replayed besides its type. */
  private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION);

  private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class.getName());
  private static final String HELD = IdempotencyFilter.class.getName() + ".held";
  private static final String RUN = IdempotencyFilter.class.getName() + ".run";

  /** A request that holds its key, and what it answered once known. */
  private record Run(
      KeyScope scope, UUID token, int status, Optional<String> type, Map<String, String> headers) {
    Run answered(int status, Optional<String> type, Map<String, String> headers) {
      return new Run(scope, token, status, type, headers);
    }
  }

  @Context HttpServletRequest servletRequest;
  @Inject IdempotencyKeys keys;
  @Inject IdempotencySettings settings;
  @Inject Caller caller;
  @Inject Clock clock;
  @Inject UploadFiles files;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    KeyHeader header = KeyHeader.of(request.getHeaders().get(KeyHeader.NAME));
    String key;
    switch (header) {
      case KeyHeader.Absent absent -> {
        return;
      }
      case KeyHeader.Invalid invalid -> {
        request.abortWith(ErrorBody.response(Response.Status.BAD_REQUEST, invalid.detail()));
        return;
      }
      case KeyHeader.Valid valid -> key = valid.key();
    }
    String method = request.getMethod();
    String path = path(request);
    String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    byte[] fingerprint;
    if (Fingerprint.isForm(contentType)) {
      // the container parses a form itself, from the raw request, and keeps its parts for the
      // resource: they are hashed where they lie and the body is left alone
      Optional<List<FormPart>> parts = parts();
      if (parts.isEmpty()) {
        return; // not a readable form: the resource refuses it, and so nothing is created
      }
      fingerprint = Fingerprint.ofParts(method, path, contentType, parts.get());
    } else {
      InputStream body =
          request.hasEntity() ? request.getEntityStream() : InputStream.nullInputStream();
      HeldBody held = HeldBody.read(body, () -> files.newFile(".idem"));
      request.setProperty(HELD, held);
      fingerprint = Fingerprint.ofBytes(method, path, contentType, held);
      if (request.hasEntity()) {
        request.setEntityStream(held.open());
      }
    }
    KeyScope scope = new KeyScope(caller.client().value(), method + " " + path, key);
    Begin begin;
    try {
      begin =
          keys.begin(
              scope, fingerprint, clock.instant(), settings.lifetime(), settings.takeoverAfter());
    } catch (RuntimeException e) {
      discard(request); // the database failed: a 500, and no held file left behind
      throw e;
    }
    switch (begin) {
      case Begin.Reserved reserved -> {
        if (reserved.tookOver()) {
          LOG.warning(
              "An Idempotency-Key on "
                  + scope.endpoint()
                  + " held unfinished for over "
                  + IdempotencySettings.describe(settings.takeoverAfter())
                  + " was taken over by a retry: the server that held it presumably stopped");
        }
        request.setProperty(RUN, new Run(scope, reserved.token(), 0, Optional.empty(), Map.of()));
      }
      case Begin.Replay replay -> {
        discard(request);
        request.abortWith(replay(replay.response()));
      }
      case Begin.InProgress running -> {
        discard(request);
        request.abortWith(
            Response.fromResponse(ErrorBody.response(Response.Status.CONFLICT, STILL_RUNNING))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build());
      }
      case Begin.Mismatch mismatch -> {
        discard(request);
        request.abortWith(
            Response.status(UNPROCESSABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(
                    new ErrorBody(
                        "This Idempotency-Key was used for a different request (another body)"
                            + " in the last "
                            + IdempotencySettings.describe(settings.lifetime())
                            + "; use a new key for a new request"))
                .build());
      }
    }
  }

  /** The form's parts as the container parsed them; empty when it cannot. */
  private Optional<List<FormPart>> parts() {
    try {
      List<FormPart> parts = new ArrayList<>();
      for (Part part : servletRequest.getParts()) {
        parts.add(new FormPart(part.getName(), part.getSubmittedFileName(), part::getInputStream));
      }
      return Optional.of(parts);
    } catch (IOException | ServletException | RuntimeException e) {
      LOG.log(Level.FINE, "A multipart request's parts could not be read", e);
      return Optional.empty();
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    discard(request);
    if (!(request.getProperty(RUN) instanceof Run run)) {
      return;
    }
    int status = response.getStatus();
    if (status >= 500) {
      request.removeProperty(RUN);
      release(run);
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : KEPT_HEADERS) {
      String value = response.getHeaderString(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    Optional<String> type = Optional.ofNullable(response.getMediaType()).map(MediaType::toString);
    Run answered = run.answered(status, type, headers);
    if (response.hasEntity()) {
      request.setProperty(RUN, answered); // stored by aroundWriteTo, once written
    } else {
      request.removeProperty(RUN);
      store(answered, new byte[0]);
    }
  }

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    if (!(context.getProperty(RUN) instanceof Run run) || run.status() == 0) {
      context.proceed();
      return;
    }
    context.removeProperty(RUN);
    OutputStream client = context.getOutputStream();
    CapturedOutput captured = new CapturedOutput(client, MAX_STORED_BYTES);
    context.setOutputStream(captured);
    try {
      context.proceed();
    } catch (IOException | RuntimeException e) {
      release(run);
      throw e;
    } finally {
      context.setOutputStream(client);
    }
    if (!captured.complete()) {
      LOG.warning(
          "The answer of "
              + run.scope().endpoint()
              + " is larger than "
              + MAX_STORED_BYTES
              + " bytes and was not stored: its Idempotency-Key is free again");
      release(run);
      return;
    }
    Optional<String> type =
        Optional.ofNullable(context.getMediaType()).map(MediaType::toString).or(run::type);
    store(run.answered(run.status(), type, run.headers()), captured.bytes());
    captured.release();
  }

  /** The stored answer again, marked as a replay. */
  static Response replay(StoredResponse stored) {
    Response.ResponseBuilder answer = Response.status(stored.status());
    stored.headers().forEach(answer::header);
    answer.header(REPLAYED, "true");
    byte[] body = stored.body();
    if (body.length > 0) {
      answer.entity((StreamingOutput) out -> out.write(body));
      stored.contentType().ifPresent(answer::type);
    }
    return answer.build();
  }

  private void store(Run run, byte[] body) {
    try {
      StoredResponse response = new StoredResponse(run.status(), run.type(), run.headers(), body);
      if (!keys.complete(run.scope(), run.token(), response, clock.instant())) {
        LOG.warning(
            "The answer of a request on "
                + run.scope().endpoint()
                + " was not stored: a retry took its Idempotency-Key over meanwhile");
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not store the answer of a request on "
              + run.scope().endpoint()
              + " under its Idempotency-Key; freeing the key",
          e);
      release(run);
    }
  }

  private void release(Run run) {
    try {
      keys.release(run.scope(), run.token());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not free an Idempotency-Key on "
              + run.scope().endpoint()
              + "; a retry may take it over after "
              + IdempotencySettings.describe(settings.takeoverAfter()),
          e);
    }
  }

  private static void discard(ContainerRequestContext request) {
    if (request.getProperty(HELD) instanceof HeldBody held) {
      request.removeProperty(HELD);
      held.discard();
    }
  }

  /** {@code /api/v1/campaigns}: the request's path, without query, as sent. */
  static String path(ContainerRequestContext request) {
    String raw = request.getUriInfo().getRequestUri().getRawPath();
    return normalise(raw);
  }

  static String normalise(String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.length() > MAX_PATH) {
      byte[] hash = Fingerprint.sha256().digest(path.getBytes(StandardCharsets.UTF_8));
      path = "sha256:" + HexFormat.of().formatHex(hash);
    }
    return path;
  }
}
