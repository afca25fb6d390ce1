package io.outdial.core.apikey;

import io.outdial.core.ValidationException;
import io.outdial.core.id.ClientId;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An API key as the system knows it: its hash, the client it belongs to, a human-readable name, the
 * scopes it grants, and when it was created and last used. The raw secret is never part of it.
 */
public record ApiKey(
    KeyHash hash,
    String clientId,
    String name,
    Set<ApiScope> scopes,
    Instant createdAt,
    Optional<Instant> lastUsedAt) {

  private static final int MAX_NAME_LENGTH = 200;

  public ApiKey {
    Objects.requireNonNull(hash, "hash");
    clientId = validClientId(clientId);
    name = validName(name);
    Objects.requireNonNull(scopes, "scopes");
    if (scopes.isEmpty()) {
      throw new ValidationException("scopes", "scopes must name at least one scope");
    }
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
  }

  /** Whether this key grants {@code scope}. */
  public boolean grants(ApiScope scope) {
    return scopes.contains(scope);
  }

  /** The scopes in their canonical order (campaigns, audit), as wire names. */
  public List<String> scopeNames() {
    return EnumSet.copyOf(scopes).stream().map(ApiScope::wireName).toList();
  }

  /** A client id, checked by the rules of {@link ClientId}. */
  public static String validClientId(String clientId) {
    return ClientId.of(clientId).value();
  }

  /** A key name, checked: required, at most 200 characters, surrounding blanks removed. */
  public static String validName(String name) {
    if (name == null || name.isBlank()) {
      throw new ValidationException("name", "name is required");
    }
    String trimmed = name.strip();
    if (trimmed.length() > MAX_NAME_LENGTH) {
      throw new ValidationException(
          "name", "name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    return trimmed;
  }

  /**
   * Scopes from their wire names, checked: at least one, each {@code campaigns} or {@code audit};
   * repeats collapse.
   */
  public static Set<ApiScope> validScopes(Collection<String> names) {
    if (names == null || names.isEmpty()) {
      throw new ValidationException(
          "scopes", "scopes is required: a non-empty array of \"campaigns\", \"audit\"");
    }
    Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
    for (String name : names) {
      scopes.add(
          ApiScope.fromWire(name)
              .orElseThrow(
                  () ->
                      new ValidationException(
                          "scopes",
                          "scopes contains unknown scope '"
                              + name
                              + "'; allowed: campaigns, audit")));
    }
    return scopes;
  }
}
