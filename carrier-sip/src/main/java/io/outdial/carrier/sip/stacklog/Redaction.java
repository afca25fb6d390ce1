package io.outdial.carrier.sip.stacklog;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that may quote SIP messages or stack settings before it reaches a
 * log: the values of Authorization and Proxy-Authorization headers (any case), and of anything
 * named like a password ({@code javax.net.ssl.keyStorePassword=...}, which the stack prints).
 */
public final class Redaction {
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?im)^(\\s*(?:proxy-)?authorization\\s*:).*$");
  private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*[=:]\\s*)[^\\s,;]+");

  private Redaction() {}

  /** The text with every Authorization and Proxy-Authorization header value replaced. */
  public static String redact(String text) {
    if (text == null) {
      return "";
    }
    String redacted = AUTHORIZATION.matcher(text).replaceAll("$1 [redacted]");
    return PASSWORD.matcher(redacted).replaceAll("$1[redacted]");
  }

  /** A throwable's class and redacted message, without its stack trace. */
  public static String describe(Throwable t) {
    if (t == null) {
      return "";
    }
    return t.getClass().getName() + ": " + redact(t.getMessage());
  }
}
