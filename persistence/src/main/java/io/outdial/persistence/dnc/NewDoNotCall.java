package io.outdial.persistence.dnc;

import io.outdial.core.contact.PhoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * A number to add to a do-not-call list.
 *
 * @param reason at most {@link #MAX_REASON_LENGTH} characters
 */
public record NewDoNotCall(PhoneNumber phone, Optional<String> reason) {
  /** Characters of a reason ({@code do_not_call.reason}). */
  public static final int MAX_REASON_LENGTH = 200;

  public NewDoNotCall {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(reason, "reason");
    if (reason.isPresent() && reason.get().length() > MAX_REASON_LENGTH) {
      throw new IllegalArgumentException("reason longer than " + MAX_REASON_LENGTH);
    }
  }
}
