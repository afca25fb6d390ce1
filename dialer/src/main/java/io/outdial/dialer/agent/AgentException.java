package io.outdial.dialer.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * A model server (chat completions, text to speech) could not give a usable answer. The message
 * names what went wrong and the HTTP status, never the API key or the prompt.
 */
public class AgentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, so callers can tell a slow server from a broken one. */
  public enum Kind {
    /** No answer within the configured timeout. */
    TIMEOUT,
    /** The server could not be reached or the connection broke. */
    UNREACHABLE,
    /** The server answered with a non-2xx status. */
    HTTP_STATUS,
    /** The server answered 2xx with a body that is not what the API promises. */
    MALFORMED
  }

  private final Kind kind;
  private final Integer httpStatus;

  public AgentException(Kind kind, Optional<Integer> httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.httpStatus = httpStatus.orElse(null);
  }

  public AgentException(Kind kind, String message) {
    this(kind, Optional.empty(), message, null);
  }

  public Kind kind() {
    return kind;
  }

  public Optional<Integer> httpStatus() {
    return Optional.ofNullable(httpStatus);
  }
}
