package io.outdial.core.sms;

import io.outdial.core.ValidationException;

/** The bounds of a text message's text. */
public final class SmsText {
  /** The longest text Outdial sends, in characters (ten concatenated parts of 160). */
  public static final int MAX_LENGTH = 1600;

  private SmsText() {}

  /**
   * {@code text} if it is 1 to {@value #MAX_LENGTH} characters and not blank.
   *
   * @throws ValidationException naming {@code field} otherwise
   */
  public static String check(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException(field, field + " is required (1 to " + MAX_LENGTH + " chars)");
    }
    int length = text.codePointCount(0, text.length());
    if (length > MAX_LENGTH) {
      throw new ValidationException(
          field, field + " must be at most " + MAX_LENGTH + " characters, got " + length);
    }
    return text;
  }
}
