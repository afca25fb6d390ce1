package io.outdial.dialer.sip.stacklog;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that may quote SIP messages before it reaches a log: the values of
 * Authorization and Proxy-Authorization headers (also in their compact or lower-case forms).
 */
public final class Redaction {
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?im)^(\\s*(?:proxy-)?authorization\\s*:).*$");

  private Redaction() {}

  /** The text with every Authorization and Proxy-Authorization header value replaced. */
  public static String redact(String text) {
    if (text == null) {
      return "";
    }
    return AUTHORIZATION.matcher(text).replaceAll("$1 [redacted]");
  }

  /** A throwable's class and redacted message, without its stack trace. */
  public static String describe(Throwable t) {
    if (t == null) {
      return "";
    }
    return t.getClass().getName() + ": " + redact(t.getMessage());
  }
}
