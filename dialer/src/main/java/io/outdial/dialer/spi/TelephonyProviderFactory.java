package io.outdial.dialer.spi;

/**
 * Creates a {@link TelephonyProvider}; the service type that {@link java.util.ServiceLoader} finds
 * (a factory rather than the provider itself, because a provider needs a clock, a scheduler and its
 * settings, which ServiceLoader's no-argument constructors cannot pass).
 */
public interface TelephonyProviderFactory {
  /** The name configuration selects this provider by, lower case, e.g. {@code simulator}. */
  String name();

  /**
   * A new provider.
   *
   * @throws IllegalArgumentException when a setting is malformed, naming the key
   */
  TelephonyProvider create(ProviderContext context);
}
