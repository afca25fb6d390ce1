package io.outdial.admin.keys;

import io.outdial.core.apikey.ApiKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One API key as a row of the admin pages: texts ready to show. Holds the hash, never the secret.
 *
 * @param hash the full {@code sha256:...} hash, which identifies the key for revocation
 * @param shortPrefix the hash's first digits, enough to tell keys apart on screen
 * @param scopes the scopes' wire names, comma-separated
 * @param lastUsed when the key was last used, or {@code never}
 */
public record KeyRow(
    String hash,
    String shortPrefix,
    String clientId,
    String name,
    String scopes,
    String created,
    String lastUsed) {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public static KeyRow from(ApiKey key) {
    return new KeyRow(
        key.hash().value(),
        key.hash().shortPrefix(),
        key.clientId(),
        key.name(),
        String.join(", ", key.scopeNames()),
        format(key.createdAt()),
        // the store records use as keys authenticate; an empty value means no recorded use
        key.lastUsedAt().map(KeyRow::format).orElse("never"));
  }

  static String format(Instant instant) {
    return UTC.format(instant);
  }
}
