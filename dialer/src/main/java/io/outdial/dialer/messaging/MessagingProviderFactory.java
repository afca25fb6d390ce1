package io.outdial.dialer.messaging;

import java.util.Set;

/** Creates a {@link MessagingProvider}; the service type that ServiceLoader finds. */
public interface MessagingProviderFactory {
  /** The name configuration selects this provider by ({@code outdial.messaging}), lower case. */
  String name();

  /**
   * The settings the provider reads, without prefix; each is looked up as {@code
   * outdial.messaging.<name>.<key>} in MicroProfile Config, environment variables included.
   */
  default Set<String> settingKeys() {
    return Set.of();
  }

  /**
   * A new provider.
   *
   * @throws IllegalArgumentException when a setting is malformed, naming the setting
   */
  MessagingProvider create(MessagingContext context);
}
