package io.outdial.core.sms;

import io.outdial.core.ValidationException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{name}}} variables, named like the agent's prompt variables: a contact's
 * fields by wire name ({@code first_name}, {@code last_name}, {@code company}, {@code title},
 * {@code email}, {@code phone}) and {@code metadata.<key>} for its metadata. A variable the contact
 * has no value for becomes empty text; spaces inside the braces are allowed.
 *
 * @param text the template, 1 to {@value SmsText#MAX_LENGTH} characters
 */
public record SmsTemplate(String text) {
  private static final Pattern VARIABLE =
      Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_-]+)?)\\s*}}");

  public SmsTemplate {
    SmsText.check("sms_follow_up.text", text);
  }

  /** The text with each variable replaced by its value in {@code variables} (or nothing). */
  public String render(Map<String, String> variables) {
    Objects.requireNonNull(variables, "variables");
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String value = variables.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    String rendered = out.toString();
    // values can make it longer than a message may be
    if (rendered.codePointCount(0, rendered.length()) > SmsText.MAX_LENGTH) {
      rendered = rendered.substring(0, rendered.offsetByCodePoints(0, SmsText.MAX_LENGTH));
    }
    return rendered;
  }

  /** Checks a template given by a client, naming {@code field}. */
  public static SmsTemplate parse(String field, String text) {
    try {
      return new SmsTemplate(text);
    } catch (ValidationException e) {
      throw new ValidationException(field, e.getMessage().replace("sms_follow_up.text", field));
    }
  }
}
