package io.outdial.admin.keys;

import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A key just created, with its raw secret, waiting in the admin's session to be shown exactly once.
 *
 * <p>The create action {@linkplain #offer offers} it and redirects; the next page {@linkplain #take
 * takes} it, which removes it, so a reload, the back button or a second tab finds nothing. An
 * untaken key is dropped after a few minutes. This class is deliberately not {@code Serializable}:
 * a raw secret must never be written to a persisted or replicated session.
 */
public final class NewKey {
  static final String ATTRIBUTE = "io.outdial.admin.newKey";

  private final String rawKey;
  private final KeyRow key;

  NewKey(String rawKey, KeyRow key) {
    this.rawKey = Objects.requireNonNull(rawKey, "rawKey");
    this.key = Objects.requireNonNull(key, "key");
  }

  public String rawKey() {
    return rawKey;
  }

  public KeyRow key() {
    return key;
  }

  /** Leaves {@code newKey} in {@code session} for one showing until {@code until}. */
  static void offer(HttpSession session, NewKey newKey, Instant until) {
    session.setAttribute(ATTRIBUTE, new Pending(newKey, until));
  }

  /** The key waiting in {@code session}, removed by this very call; empty when there is none. */
  static Optional<NewKey> take(HttpSession session, Instant now) {
    if (session == null) {
      return Optional.empty();
    }
    if (!(session.getAttribute(ATTRIBUTE) instanceof Pending pending)) {
      return Optional.empty();
    }
    session.removeAttribute(ATTRIBUTE);
    return pending.take(now);
  }

  @Override
  public String toString() {
    return "NewKey[" + key.shortPrefix() + ", secret hidden]";
  }

  /** The holder in the session; the atomic hand-over makes two racing requests show it once. */
  private static final class Pending {
    private final AtomicReference<NewKey> newKey;
    private final Instant until;

    Pending(NewKey newKey, Instant until) {
      this.newKey = new AtomicReference<>(newKey);
      this.until = until;
    }

    Optional<NewKey> take(Instant now) {
      NewKey taken = newKey.getAndSet(null);
      return now.isBefore(until) ? Optional.ofNullable(taken) : Optional.empty();
    }
  }
}
