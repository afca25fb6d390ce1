package io.outdial.persistence.call;

import io.outdial.core.id.CallId;
import java.time.Instant;

/** What asking to end a call did. */
public sealed interface EndRequest {
  /**
   * The request is recorded (or was already, by an earlier request: {@code requestedAt} is the
   * first one's); the server holding the call hangs it up at its next refresh.
   */
  record Requested(CallId callId, Instant requestedAt) implements EndRequest {}

  /** The client has no such call (or it belongs to a deleted campaign). */
  record NotFound() implements EndRequest {}

  /** The call has ended already. */
  record NotActive() implements EndRequest {}
}
