package io.outdial.dialer.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * What a provider is created with.
 *
 * @param clock the time source for timestamps
 * @param scheduler where the provider runs its delayed and asynchronous work
 * @param settings the provider's own settings, keys without a prefix (the dispatcher strips e.g.
 *     {@code outdial.telephony.simulator.} from MicroProfile Config keys); may hold secrets, so
 *     never log it
 * @param threads makes the few long-lived threads a provider may need (a socket's receive loop); in
 *     the server the managed thread factory
 * @param executor for periodic work that must keep a steady beat, such as sending a call's audio
 *     every 20 ms; in the server the managed scheduled executor. Empty where none is given (tests,
 *     the simulator): a provider that needs one then makes its own from {@code threads} and shuts
 *     it down when closed
 */
public record ProviderContext(
    Clock clock,
    EventScheduler scheduler,
    Map<String, String> settings,
    ThreadFactory threads,
    Optional<ScheduledExecutorService> executor) {
  public ProviderContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(threads, "threads");
    Objects.requireNonNull(executor, "executor");
    settings = Map.copyOf(settings);
  }

  /** A context with daemon platform threads and no executor, for tests and tools. */
  public ProviderContext(Clock clock, EventScheduler scheduler, Map<String, String> settings) {
    this(clock, scheduler, settings, Thread.ofPlatform().daemon().factory(), Optional.empty());
  }

  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key)).map(String::strip).filter(s -> !s.isEmpty());
  }

  @Override
  public String toString() {
    return "ProviderContext[settings=" + settings.keySet() + "]";
  }
}
