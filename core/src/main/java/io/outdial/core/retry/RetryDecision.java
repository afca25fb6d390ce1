package io.outdial.core.retry;

import java.time.Instant;
import java.util.Objects;

/** Whether and when to call a contact again after an attempt. */
public sealed interface RetryDecision {
  /** Call again at {@code at}; this will be attempt number {@code attempt}. */
  record RetryAt(Instant at, int attempt) implements RetryDecision {
    public RetryAt {
      Objects.requireNonNull(at, "at");
    }
  }

  /** Do not call again: the contact is final. */
  record GiveUp(Reason reason) implements RetryDecision {
    public GiveUp {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a contact will not be called again. */
  enum Reason {
    /** The outcome is final (a conversation, voicemail, do-not-call, ...). */
    NOT_RETRYABLE,
    /** The maximum number of attempts was made. */
    ATTEMPTS_EXHAUSTED,
    /** The recipient's calling window never opens (its zones never overlap). */
    NO_CALLING_WINDOW
  }

  default boolean willRetry() {
    return this instanceof RetryAt;
  }
}
