package io.outdial.rest.idempotency;

import java.util.List;

/** The {@code Idempotency-Key} header of a request: absent, a valid key, or refused. */
sealed interface KeyHeader {
  /** The header's name. */
  String NAME = "Idempotency-Key";

  int MAX_LENGTH = 255;

  /** No header: the request runs as it would without idempotency. */
  record Absent() implements KeyHeader {}

  record Valid(String key) implements KeyHeader {}

  /** A header that is no key: 400 with {@code detail}. */
  record Invalid(String detail) implements KeyHeader {}

  /** Reads the header's values as the request carried them. */
  static KeyHeader of(List<String> values) {
    if (values == null || values.isEmpty()) {
      return new Absent();
    }
    if (values.size() > 1) {
      return new Invalid("Send one Idempotency-Key header, not " + values.size());
    }
    String key = values.get(0) == null ? "" : values.get(0);
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      return new Invalid(
          "Idempotency-Key must be 1 to " + MAX_LENGTH + " characters, not " + key.length());
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return new Invalid(
            "Idempotency-Key must be printable ASCII (character "
                + (i + 1)
                + " is not); a UUID is a good key");
      }
    }
    return new Valid(key);
  }
}
