package io.outdial.rest.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * What makes two requests with one key the same request: SHA-256 over the method, the path, the
 * body's media type (without parameters) and the body. A {@code multipart/form-data} body counts by
 * its parts: each part's name, file name and content bytes, in order. Two uploads of one file
 * differ byte-wise (every client draws a new boundary for each request, and may write part headers
 * its own way) but not by their parts. Any other body counts by its bytes.
 */
final class Fingerprint {
  private static final byte[] VERSION = "outdial-idempotency-1".getBytes(StandardCharsets.UTF_8);

  private Fingerprint() {}

  /** The fingerprint of a request whose body is held whole. */
  static byte[] ofBytes(String method, String path, String contentType, HeldBody body) {
    MessageDigest digest = start(method, path, contentType);
    digest.update(text("bytes"));
    digest.update(body.sha256());
    return digest.digest();
  }

  /** The fingerprint of a multipart request, read part by part (content in 64 KB steps). */
  static byte[] ofParts(String method, String path, String contentType, List<FormPart> parts)
      throws IOException {
    MessageDigest digest = start(method, path, contentType);
    digest.update(text("parts"));
    digest.update(intBytes(parts.size()));
    byte[] buffer = new byte[64 * 1024];
    for (FormPart part : parts) {
      digest.update(text(part.name()));
      digest.update(text(part.fileName()));
      MessageDigest content = sha256();
      try (InputStream in = part.content().open()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          content.update(buffer, 0, n);
        }
      }
      digest.update(content.digest());
    }
    return digest.digest();
  }

  private static MessageDigest start(String method, String path, String contentType) {
    MessageDigest digest = sha256();
    digest.update(VERSION);
    digest.update(text(method));
    digest.update(text(path));
    digest.update(text(mediaType(contentType)));
    return digest;
  }

  /** Whether a body of this type is fingerprinted by its parts. */
  static boolean isForm(String contentType) {
    return mediaType(contentType).equals("multipart/form-data");
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
