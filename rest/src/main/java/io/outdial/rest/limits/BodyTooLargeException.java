package io.outdial.rest.limits;

import io.outdial.rest.error.ErrorBody;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * A request body that went past its limit while it was read. Readers of the body (Jackson, the
 * multipart parser) may wrap it; the error mappers look for it among the causes and answer 413.
 */
public class BodyTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BodyTooLargeException(String detail) {
    super(detail, null, false, false); // a client error: no stack trace to fill
  }

  /** The 413 answer. */
  public Response response() {
    return answer(getMessage());
  }

  /**
   * A 413 with {@code detail} that also closes the connection, so that the server does not read the
   * rest of the body only to keep the connection alive.
   */
  public static Response answer(String detail) {
    return Response.fromResponse(
            ErrorBody.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, detail))
        .header("Connection", "close")
        .build();
  }

  /** The first {@link BodyTooLargeException} among {@code e} and its causes, if any. */
  public static Optional<BodyTooLargeException> in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return Optional.of(tooLarge);
      }
    }
    return Optional.empty();
  }
}
