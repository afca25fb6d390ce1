package io.outdial.dialer.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Finds telephony providers on the module path or class path by name. */
public final class TelephonyProviders {
  /** The provider used when configuration names none. */
  public static final String DEFAULT = "simulator";

  private TelephonyProviders() {}

  /** Names of every provider present, sorted. */
  public static List<String> available() {
    List<String> names = new ArrayList<>();
    for (TelephonyProviderFactory factory : ServiceLoader.load(TelephonyProviderFactory.class)) {
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
  public static TelephonyProviderFactory factory(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (TelephonyProviderFactory factory : ServiceLoader.load(TelephonyProviderFactory.class)) {
      if (factory.name().equalsIgnoreCase(wanted)) {
        return factory;
      }
    }
    throw new IllegalArgumentException(
        "no telephony provider named '" + wanted + "'; available: " + available());
  }

  /**
   * Creates the provider called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException when no provider has that name, listing those that exist
   */
  public static TelephonyProvider create(String name, ProviderContext context) {
    return factory(name).create(context);
  }
}
