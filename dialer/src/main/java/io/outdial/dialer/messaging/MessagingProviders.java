package io.outdial.dialer.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Finds messaging providers on the module path or class path by name. */
public final class MessagingProviders {
  /** The provider used when configuration names none. */
  public static final String DEFAULT = "simulator";

  private MessagingProviders() {}

  /** Names of every provider present, sorted. */
  public static List<String> available() {
    List<String> names = new ArrayList<>();
    for (MessagingProviderFactory factory : ServiceLoader.load(MessagingProviderFactory.class)) {
      names.add(factory.name());
    }
    names.sort(null);
    return names;
  }

  /**
   * The factory of the provider called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException when no provider has that name, listing those that exist
   */
  public static MessagingProviderFactory factory(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (MessagingProviderFactory factory : ServiceLoader.load(MessagingProviderFactory.class)) {
      if (factory.name().equalsIgnoreCase(wanted)) {
        return factory;
      }
    }
    throw new IllegalArgumentException(
        "no messaging provider named '" + wanted + "'; available: " + available());
  }
}
