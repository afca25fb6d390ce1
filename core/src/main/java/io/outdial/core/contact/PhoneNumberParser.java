package io.outdial.core.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber;
import io.outdial.core.ValidationException;
import java.util.Locale;
import java.util.Objects;

/**
 * Normalises phone numbers written in common national or international formats to E.164 with
 * libphonenumber, given the region assumed for numbers written without a country code.
 *
 * <p>{@link #parse} never throws for bad input: it returns a {@link PhoneParseResult} carrying
 * either the number or the reason. Obvious garbage (no digits, far too few or too many) is refused
 * before libphonenumber is called, so the common bad rows of an upload cost no exception.
 *
 * <p>The commonest shapes of North American numbers (ten digits, eleven with the leading {@code 1},
 * or {@code +1} and ten digits; written with spaces, hyphens, dots or parentheses) skip
 * libphonenumber's parser, whose regular expressions are most of its cost: for them the parsed
 * number is built directly and then checked and formatted by libphonenumber exactly as a parsed one
 * would be. A property test holds this path to the same answers as the parser's.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PhoneNumberParser {
  /** How demanding the check is. */
  public enum Strictness {
    /**
     * The number must be valid under the numbering plan (a real area code and range). Fictional
     * numbers such as {@code +15551234567} are refused.
     */
    VALID,
    /**
     * The number only needs a plausible length for its country. Accepts fictional test numbers such
     * as the {@code +1 555} examples of the published API.
     */
    POSSIBLE
  }

  private static final String US = "US";
  private static final int MIN_DIGITS = 5;
  private static final int MAX_DIGITS = 17;

  /** libphonenumber refuses longer inputs anyway; checking first avoids the exception. */
  private static final int MAX_INPUT_LENGTH = 250;

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String defaultRegion;
  private final Strictness strictness;

  /**
   * Under {@link Strictness#POSSIBLE}, the refusal of every number of country code 1 with a
   * ten-digit national number, or null when they are accepted: that check depends on the length
   * alone.
   */
  private final PhoneParseResult.Invalid tenDigitNanpVerdict;

  private PhoneNumberParser(String defaultRegion, Strictness strictness) {
    this.defaultRegion = defaultRegion;
    this.strictness = strictness;
    String refusal =
        checkPossible(
            new Phonenumber.PhoneNumber().setCountryCode(1).setNationalNumber(2_022_000_000L));
    this.tenDigitNanpVerdict = refusal == null ? null : new PhoneParseResult.Invalid(refusal);
  }

  /**
   * A parser for numbers written without a country code in {@code defaultRegion} (ISO 3166 code
   * such as {@code US}), with the given strictness.
   */
  public static PhoneNumberParser of(String defaultRegion, Strictness strictness) {
    Objects.requireNonNull(strictness, "strictness");
    String region = defaultRegion == null ? "" : defaultRegion.toUpperCase(Locale.ROOT);
    if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
      throw new ValidationException(
          "default_region",
          "default_region must be a supported ISO 3166 region code, got '" + defaultRegion + "'");
    }
    return new PhoneNumberParser(region, strictness);
  }

  /** A strict ({@link Strictness#VALID}) parser for {@code defaultRegion}. */
  public static PhoneNumberParser forRegion(String defaultRegion) {
    return of(defaultRegion, Strictness.VALID);
  }

  public String defaultRegion() {
    return defaultRegion;
  }

  public Strictness strictness() {
    return strictness;
  }

  /** Parses one raw number; never throws for bad input. */
  public PhoneParseResult parse(CharSequence raw) {
    return parse(raw, true);
  }

  /**
   * {@link #parse} with every number through libphonenumber's parser, for tests of the shortcut.
   */
  PhoneParseResult parseWithoutShortcut(CharSequence raw) {
    return parse(raw, false);
  }

  private PhoneParseResult parse(CharSequence raw, boolean shortcut) {
    if (raw == null) {
      return new PhoneParseResult.Invalid("phone is required");
    }
    if (raw.length() > MAX_INPUT_LENGTH) {
      return new PhoneParseResult.Invalid("phone is too long");
    }
    int digits = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    if (digits == 0) {
      return new PhoneParseResult.Invalid(
          isBlank(raw) ? "phone is required" : "phone is not a number");
    }
    if (digits < MIN_DIGITS) {
      return new PhoneParseResult.Invalid("phone is too short");
    }
    if (digits > MAX_DIGITS) {
      return new PhoneParseResult.Invalid("phone is too long");
    }
    if (shortcut) {
      PhoneParseResult quick = northAmerican(raw, digits);
      if (quick != null) {
        return quick;
      }
    }
    Phonenumber.PhoneNumber parsed;
    try {
      parsed = util.parse(raw, defaultRegion);
    } catch (NumberParseException e) {
      return new PhoneParseResult.Invalid(reasonFor(e.getErrorType()));
    }
    return checked(parsed);
  }

  /**
   * The answer for {@code raw} without libphonenumber's parser, when {@code raw} is a North
   * American number in one of the shapes below; else null (and the parser decides).
   *
   * <p>Accepted: ASCII digits with spaces, hyphens, dots and parentheses between them, and at most
   * one {@code +} as the first character that is not a space. With {@code +}: {@code 1} and ten
   * digits, the first of them 2-9, in any default region. Without: ten digits, the first 2-9, or
   * {@code 1} and such ten digits, when the default region is {@code US}. In each case the parser
   * finds country code 1 and the ten digits as national number: no international or national prefix
   * is left to strip from a number starting with 2-9, no extension or second number can be written
   * with these characters, and libphonenumber treats the punctuation as formatting.
   *
   * <p>Such a number is then checked like a parsed one: {@link Strictness#VALID} asks
   * libphonenumber about this very number; {@link Strictness#POSSIBLE} depends only on the length
   * of the national number, ten digits here, so its answer was asked once ({@link
   * #tenDigitNanpVerdict}). The E.164 form is {@code +1} and the ten digits.
   */
  private PhoneParseResult northAmerican(CharSequence raw, int digitCount) {
    if (digitCount != 10 && digitCount != 11) {
      return null;
    }
    boolean plus = false;
    boolean started = false;
    char[] e164 = new char[13];
    e164[0] = '+';
    e164[1] = '1';
    int digits = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        // the last ten digits make the national number; an eleventh is shifted out
        if (digits == 10) {
          System.arraycopy(e164, 3, e164, 2, 9);
          e164[11] = c;
        } else {
          e164[2 + digits] = c;
        }
        if (digits == 0) {
          e164[12] = c; // the first digit, kept aside
        }
        digits++;
        started = true;
      } else if (c == '+') {
        if (started || plus) {
          return null;
        }
        plus = true;
      } else if (c == ' ') {
        // spaces before the '+' are skipped like spaces anywhere else
      } else if (c == '-' || c == '.' || c == '(' || c == ')') {
        started = true;
      } else {
        return null;
      }
    }
    char first = e164[12];
    boolean tenDigits = digits == 10 && first >= '2' && first <= '9';
    boolean oneAndTen = digits == 11 && first == '1' && e164[2] >= '2' && e164[2] <= '9';
    if (plus ? !oneAndTen : !(US.equals(defaultRegion) && (tenDigits || oneAndTen))) {
      return null;
    }
    if (strictness == Strictness.VALID) {
      long national = 0;
      for (int i = 2; i < 12; i++) {
        national = national * 10 + (e164[i] - '0');
      }
      return checked(new Phonenumber.PhoneNumber().setCountryCode(1).setNationalNumber(national));
    }
    return tenDigitNanpVerdict != null
        ? tenDigitNanpVerdict
        : new PhoneParseResult.Valid(new PhoneNumber(new String(e164, 0, 12)));
  }

  /** Whether {@code raw} takes the shortcut past libphonenumber's parser (for tests). */
  boolean takesShortcut(CharSequence raw) {
    int digits = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    return northAmerican(raw, digits) != null;
  }

  private PhoneParseResult checked(Phonenumber.PhoneNumber parsed) {
    String refusal = strictness == Strictness.VALID ? checkValid(parsed) : checkPossible(parsed);
    if (refusal != null) {
      return new PhoneParseResult.Invalid(refusal);
    }
    String e164 = util.format(parsed, PhoneNumberFormat.E164);
    if (!PhoneNumber.isE164Shape(e164)) {
      // a national number that its country's plan allows but E.164's 15 digits do not
      return new PhoneParseResult.Invalid(
          e164.length() > 16 ? "phone is too long" : "phone is too short");
    }
    return new PhoneParseResult.Valid(new PhoneNumber(e164));
  }

  /**
   * Parses and returns the number, or throws a {@link ValidationException} for {@code field} (e.g.
   * {@code caller_id}) — for single values in a request, where an exception is the right answer.
   */
  public PhoneNumber require(String field, CharSequence raw) {
    PhoneParseResult result = parse(raw);
    if (result instanceof PhoneParseResult.Valid valid) {
      return valid.phone();
    }
    String why = result.reason().orElseThrow();
    // Reasons are phrased for the "phone" field; restate them for the field actually concerned.
    throw new ValidationException(field, field + why.substring("phone".length()));
  }

  private String checkValid(Phonenumber.PhoneNumber n) {
    if (util.isValidNumber(n)) {
      return null;
    }
    String possible = checkPossible(n);
    return possible != null ? possible : "phone is not a valid number for its country";
  }

  private String checkPossible(Phonenumber.PhoneNumber n) {
    ValidationResult r = util.isPossibleNumberWithReason(n);
    return switch (r) {
      case IS_POSSIBLE -> null;
      case IS_POSSIBLE_LOCAL_ONLY -> "phone is a local number: add the area code";
      case INVALID_COUNTRY_CODE -> "phone has an unknown country code";
      case TOO_SHORT -> "phone is too short";
      case TOO_LONG -> "phone is too long";
      case INVALID_LENGTH -> "phone has an invalid length for its country";
    };
  }

  private static String reasonFor(NumberParseException.ErrorType type) {
    return switch (type) {
      case INVALID_COUNTRY_CODE -> "phone has an unknown country code";
      case NOT_A_NUMBER -> "phone is not a number";
      case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "phone is too short";
      case TOO_LONG -> "phone is too long";
    };
  }

  private static boolean isBlank(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
