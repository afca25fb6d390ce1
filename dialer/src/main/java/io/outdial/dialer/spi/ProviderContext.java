package io.outdial.dialer.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider is created with.
 *
 * @param clock the time source for timestamps
 * @param scheduler where the provider runs its delayed and asynchronous work
 * @param settings the provider's own settings, keys without a prefix (the dispatcher strips e.g.
 *     {@code outdial.telephony.simulator.} from MicroProfile Config keys); may hold secrets, so
 *     never log it
 */
public record ProviderContext(Clock clock, EventScheduler scheduler, Map<String, String> settings) {
  public ProviderContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scheduler, "scheduler");
    settings = Map.copyOf(settings);
  }

  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key)).map(String::strip).filter(s -> !s.isEmpty());
  }

  @Override
  public String toString() {
    return "ProviderContext[settings=" + settings.keySet() + "]";
  }
}
