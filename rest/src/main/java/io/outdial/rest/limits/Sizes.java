package io.outdial.rest.limits;

/** Byte counts in words for error details. */
public final class Sizes {
  private Sizes() {}

  /** {@code 10 MB}, {@code 512 KB} or {@code 300 bytes}: whole units only, rounded down. */
  public static String describe(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return bytes / (1 << 20) + " MB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return bytes / (1 << 10) + " KB";
    }
    return bytes + " bytes";
  }
}
