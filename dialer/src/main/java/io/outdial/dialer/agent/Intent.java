package io.outdial.dialer.agent;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An intent heard on the call, as stored in the audit trail ({@code {intent, confidence,
 * timestamp}}). The well-known names are constants here; other agents may report others.
 *
 * @param intent lower snake_case name, e.g. {@code schedule}
 * @param confidence between 0 and 1
 * @param timestamp when the words that carried it were heard
 */
public record Intent(String intent, double confidence, Instant timestamp) {
  /** The callee wants a meeting or follow-up: the lead is interested. */
  public static final String SCHEDULE = "schedule";

  /** The callee asked to be called back at another time. */
  public static final String CALLBACK = "callback";

  public static final String NOT_INTERESTED = "not_interested";

  /** The callee asked not to be called again: the number goes to the do-not-call list. */
  public static final String DO_NOT_CALL = "do_not_call";

  /**
   * The callee wants (or the agent decided) to speak to a human now: the call is transferred to an
   * available human of the client, as by {@code POST /api/v1/calls/{call_id}/transfer}.
   */
  public static final String TRANSFER = "transfer";

  /** The person who answered is not the contact. */
  public static final String WRONG_NUMBER = "wrong_number";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public Intent {
    if (intent == null || !NAME.matcher(intent).matches()) {
      throw new IllegalArgumentException(
          "intent must be lower snake_case of at most 64 characters: " + intent);
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
    }
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** Whether {@code name} is a well-formed intent name, for agents that parse untrusted text. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
