package io.outdial.core.sms;

import io.outdial.core.ValidationException;
import io.outdial.core.contact.Disposition;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A campaign's follow-up message: after a call ends with one of {@code dispositions}, the contact
 * is sent {@code template} rendered for it.
 *
 * @param dispositions at least one
 * @param template the text
 */
public record SmsFollowUp(Set<Disposition> dispositions, SmsTemplate template) {
  public SmsFollowUp {
    if (dispositions == null || dispositions.isEmpty()) {
      throw new ValidationException(
          "sms_follow_up.dispositions", "sms_follow_up.dispositions must name at least one");
    }
    if (dispositions.contains(Disposition.DO_NOT_CALL)) {
      throw new ValidationException(
          "sms_follow_up.dispositions",
          "sms_follow_up.dispositions must not include do_not_call: the callee asked for no"
              + " contact");
    }
    dispositions = Set.copyOf(dispositions);
    Objects.requireNonNull(template, "template");
  }

  /** Whether a call that ended so is followed up. */
  public boolean after(Disposition disposition) {
    return dispositions.contains(disposition);
  }

  /** The dispositions as stored: wire names, comma-separated, in declaration order. */
  public String column() {
    return EnumSet.copyOf(dispositions).stream()
        .map(Disposition::wireName)
        .collect(Collectors.joining(","));
  }

  /** Reads the stored form of {@link #column()}. */
  public static SmsFollowUp read(String column, String template) {
    Set<Disposition> set = EnumSet.noneOf(Disposition.class);
    for (String name : column.split(",")) {
      set.add(Disposition.fromWire(name.strip()));
    }
    return new SmsFollowUp(set, new SmsTemplate(template));
  }
}
