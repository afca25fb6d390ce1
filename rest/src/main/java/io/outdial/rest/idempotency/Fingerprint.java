package io.outdial.rest.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * What makes two requests with one key the same request: SHA-256 over the method, the path, the
 * body's media type (without parameters) and the body. A {@code multipart/form-data} body counts by
 * its parts ({@link MultipartDigest}), so that the same file sent again under a new boundary is the
 * same request; any other body by its bytes.
 */
final class Fingerprint {
  private static final byte[] VERSION = "outdial-idempotency-1".getBytes(StandardCharsets.UTF_8);

  private Fingerprint() {}

  static byte[] of(String method, String path, String contentType, HeldBody body)
      throws IOException {
    MessageDigest digest = sha256();
    digest.update(VERSION);
    digest.update(text(method));
    digest.update(text(path));
    String mediaType = mediaType(contentType);
    digest.update(text(mediaType));
    Optional<byte[]> parts =
        mediaType.equals("multipart/form-data")
            ? MultipartDigest.of(body.open(), parameter(contentType, "boundary"))
            : Optional.empty();
    digest.update(text(parts.isPresent() ? "parts" : "bytes"));
    digest.update(parts.orElseGet(body::sha256));
    return digest.digest();
  }

  /** {@code type/subtype} in lower case, or empty. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /** A parameter of a Content-Type value ({@code boundary}), unquoted; null when absent. */
  static String parameter(String contentType, String name) {
    if (contentType == null) {
      return null;
    }
    String[] pieces = contentType.split(";");
    for (int i = 1; i < pieces.length; i++) {
      String piece = pieces[i].strip();
      int eq = piece.indexOf('=');
      if (eq > 0 && piece.substring(0, eq).strip().equalsIgnoreCase(name)) {
        String value = piece.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
    }
    return null;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A text as length and UTF-8 bytes, so that no two sequences of texts hash alike; null: -1. */
  static byte[] text(String text) {
    if (text == null) {
      return intBytes(-1);
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[4 + utf8.length];
    System.arraycopy(intBytes(utf8.length), 0, out, 0, 4);
    System.arraycopy(utf8, 0, out, 4, utf8.length);
    return out;
  }

  static byte[] intBytes(int n) {
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }
}
