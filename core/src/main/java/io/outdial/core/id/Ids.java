package io.outdial.core.id;

import io.outdial.core.ValidationException;
import java.util.random.RandomGenerator;

/** Shared rules for the prefixed identifiers ({@code camp_...}, {@code call_...}, ...). */
final class Ids {
  /** Lower-case letters and digits read well in URLs and logs and survive case-folding tools. */
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

  /** 16 characters of base 36 give about 82 bits: collisions stay negligible at any scale here. */
  static final int RANDOM_LENGTH = 16;

  static final int MAX_SUFFIX_LENGTH = 64;

  private Ids() {}

  static String random(String prefix, RandomGenerator random) {
    char[] out = new char[prefix.length() + RANDOM_LENGTH];
    prefix.getChars(0, prefix.length(), out, 0);
    for (int i = prefix.length(); i < out.length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /**
   * Accepts the prefix followed by 1 to 64 ASCII letters or digits; the published examples use
   * short suffixes such as {@code camp_a1b2c3d4}, so the length of generated ids is not required.
   */
  static String validate(String field, String prefix, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    int suffix = value.length() - prefix.length();
    boolean ok = value.startsWith(prefix) && suffix >= 1 && suffix <= MAX_SUFFIX_LENGTH;
    for (int i = prefix.length(); ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    if (!ok) {
      throw new ValidationException(
          field,
          field + " must look like " + prefix + "<letters and digits>, got '" + clip(value) + "'");
    }
    return value;
  }

  /** Keeps an echoed bad value short, so a hostile megabyte id cannot bloat an error body. */
  static String clip(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }
}
