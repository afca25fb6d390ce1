package io.outdial.core.apikey;

import io.outdial.core.ValidationException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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

  /** Client ids are path segments and log fields: letters, digits, '.', '_' and '-', 1-64 long. */
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

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

  /** A client id, checked: required, and safe as a path segment. */
  public static String validClientId(String clientId) {
    if (clientId == null || clientId.isBlank()) {
      throw new ValidationException("client_id", "client_id is required");
    }
    if (!CLIENT_ID.matcher(clientId).matches()) {
      throw new ValidationException(
          "client_id",
          "client_id must be 1-64 characters of letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit");
    }
    return clientId;
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
