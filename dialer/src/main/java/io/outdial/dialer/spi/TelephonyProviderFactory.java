package io.outdial.dialer.spi;

import java.util.Set;

/**
 * Creates a {@link TelephonyProvider}; the service type that {@link java.util.ServiceLoader} finds
 * (a factory rather than the provider itself, because a provider needs a clock, a scheduler and its
 * settings, which ServiceLoader's no-argument constructors cannot pass).
 */
public interface TelephonyProviderFactory {
  /** The name configuration selects this provider by, lower case, e.g. {@code simulator}. */
  String name();

  /**
   * The settings the provider reads, without prefix (e.g. {@code time-scale}); the dispatcher looks
   * each up as {@code outdial.telephony.<name>.<key>} in MicroProfile Config, environment variables
   * included, and passes those present in {@link ProviderContext#settings()}.
   */
  default Set<String> settingKeys() {
    return Set.of();
  }

  /**
   * A new provider.
   *
   * @throws IllegalArgumentException when a setting is malformed, naming the key
   */
  TelephonyProvider create(ProviderContext context);
}
