package io.outdial.admin.dnc;

import io.outdial.persistence.dnc.DoNotCallEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One number of a do-not-call list as a row of the admin pages: texts ready to show.
 *
 * @param source the API's name of how it was added: {@code opt_out}, {@code upload} or {@code api}
 * @param callId the call in which the callee opted out, or empty
 * @param reason the note given with it, or empty
 */
public record DncRow(
    String phoneNumber, String source, String added, String callId, String reason) {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public static DncRow from(DoNotCallEntry entry) {
    return new DncRow(
        entry.phone().e164(),
        entry.source().wireName(),
        UTC.format(entry.addedAt()),
        entry.callId().orElse(""),
        entry.reason().orElse(""));
  }
}
