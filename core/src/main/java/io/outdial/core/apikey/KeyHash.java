package io.outdial.core.apikey;

import io.outdial.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The stored form of a secret: {@code sha256:} followed by the 64 lower-case hex digits of the
 * SHA-256 of the raw secret. Only hashes are ever stored or listed.
 *
 * @param value the full {@code sha256:<hex>} text
 */
public record KeyHash(String value) {
  private static final String PREFIX = "sha256:";
  private static final Pattern FORMAT = Pattern.compile("sha256:[0-9a-f]{64}");

  public KeyHash {
    if (value == null || value.isBlank()) {
      throw new ValidationException("key_hash", "key_hash is required");
    }
    if (!FORMAT.matcher(value).matches()) {
      throw new ValidationException(
          "key_hash", "key_hash must be 'sha256:' followed by 64 lower-case hex digits");
    }
  }

  /** The hash of a raw secret. */
  public static KeyHash of(String rawSecret) {
    return new KeyHash(PREFIX + HexFormat.of().formatHex(sha256(rawSecret)));
  }

  /**
   * Whether {@code rawSecret} hashes to this value, comparing the digests in constant time so that
   * response timing reveals nothing about how much of a guess was right.
   */
  public boolean matches(String rawSecret) {
    byte[] expected = HexFormat.of().parseHex(value.substring(PREFIX.length()));
    return MessageDigest.isEqual(expected, sha256(rawSecret == null ? "" : rawSecret));
  }

  /** The first hex digits, enough to tell keys apart on a screen. */
  public String shortPrefix() {
    return value.substring(0, PREFIX.length() + 8);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
