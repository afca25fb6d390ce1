package io.outdial.core.contact;

import io.outdial.core.ValidationException;

/**
 * A phone number in E.164 form ({@code +15551234567}).
 *
 * <p>The constructor checks only the E.164 shape ('+', a non-zero digit, 7 to 15 digits in all):
 * whether the number exists under the numbering plan is the job of {@link PhoneNumberParser}, which
 * is how numbers from clients enter the domain. The constructor serves values already normalised,
 * e.g. read back from the database.
 *
 * @param e164 the number, e.g. {@code +15551234567}
 */
public record PhoneNumber(String e164) {
  public PhoneNumber {
    if (!isE164Shape(e164)) {
      throw new ValidationException(
          "phone",
          "phone must be in E.164 format (+ and 7 to 15 digits), got '" + clip(e164) + "'");
    }
  }

  /** Wraps an already normalised E.164 string. */
  public static PhoneNumber ofE164(String e164) {
    return new PhoneNumber(e164);
  }

  static boolean isE164Shape(String s) {
    if (s == null || s.length() < 8 || s.length() > 16 || s.charAt(0) != '+') {
      return false;
    }
    if (s.charAt(1) < '1' || s.charAt(1) > '9') {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String clip(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  @Override
  public String toString() {
    return e164;
  }
}
