package io.outdial.core.apikey;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do: {@code campaigns} (campaigns, contacts, stats, usage, jobs) or {@code
 * audit} (call records: reading them, and writing metadata back onto ended calls).
 */
public enum ApiScope {
  CAMPAIGNS,
  AUDIT;

  /** The scope's name on the wire, e.g. {@code campaigns}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope with this wire name, if there is one; matching is exact (lower case). */
  public static Optional<ApiScope> fromWire(String name) {
    for (ApiScope scope : values()) {
      if (scope.wireName().equals(name)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
