package io.outdial.core.transfer;

import io.outdial.core.ValidationException;
import io.outdial.core.contact.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a transfer target is reached: a SIP URI ({@code sip:} or {@code sips:}, with a host) or a
 * phone number in E.164 form. The value is kept as given, except that the scheme is written in
 * lower case and surrounding blanks are dropped.
 *
 * @param value the URI or the number
 */
public record TargetAddress(String value) {
  /** Longest address. */
  public static final int MAX_LENGTH = 255;

  // sip:[user[:password]@]host[:port][;params][?headers]; no blanks, quotes or angle brackets
  private static final Pattern SIP =
      Pattern.compile(
          "sips?:(?:[^\\s@<>\"]+@)?(?:[A-Za-z0-9][A-Za-z0-9.-]*|\\[[0-9A-Fa-f:.]+\\])"
              + "(?::[0-9]{1,5})?(?:[;?][^\\s<>\"]*)?");

  public TargetAddress {
    if (value == null || value.isBlank()) {
      throw new ValidationException("address", "address is required");
    }
    value = value.strip();
    if (value.length() > MAX_LENGTH) {
      throw new ValidationException(
          "address", "address must be at most " + MAX_LENGTH + " characters");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
      int colon = value.indexOf(':');
      value = lower.substring(0, colon) + value.substring(colon);
      if (!SIP.matcher(value).matches()) {
        throw new ValidationException(
            "address", "address must be a SIP URI such as sip:agent@pbx.example.com");
      }
    } else {
      try {
        PhoneNumber.ofE164(value);
      } catch (ValidationException e) {
        throw new ValidationException(
            "address",
            "address must be a SIP URI (sip: or sips:) or a phone number in E.164 format"
                + " (+ and 7 to 15 digits)");
      }
    }
  }

  /** Whether this is a SIP URI rather than a phone number. */
  public boolean isSip() {
    return value.startsWith("sip:") || value.startsWith("sips:");
  }

  @Override
  public String toString() {
    return value;
  }
}
