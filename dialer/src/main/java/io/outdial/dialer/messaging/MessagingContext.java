package io.outdial.dialer.messaging;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * What a messaging provider is created with.
 *
 * @param clock the time source
 * @param settings the provider's own settings, keys without the {@code outdial.messaging.<name>.}
 *     prefix; may hold secrets, so never log it
 * @param threads makes the threads a provider needs (a session's reader); in the server the managed
 *     thread factory
 */
public record MessagingContext(Clock clock, Map<String, String> settings, ThreadFactory threads) {
  public MessagingContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(threads, "threads");
    settings = Map.copyOf(settings);
  }

  /** A context with daemon platform threads, for tests and tools. */
  public MessagingContext(Clock clock, Map<String, String> settings) {
    this(clock, settings, Thread.ofPlatform().daemon().factory());
  }

  @Override
  public String toString() {
    return "MessagingContext[settings=" + settings.keySet() + "]";
  }
}
