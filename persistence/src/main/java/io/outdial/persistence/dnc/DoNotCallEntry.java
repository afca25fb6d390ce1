package io.outdial.persistence.dnc;

import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A number on a client's do-not-call list.
 *
 * @param callId the call in which the callee opted out, for {@link DoNotCallSource#OPT_OUT}
 * @param reason the client's note, when it gave one
 */
public record DoNotCallEntry(
    ClientId client,
    PhoneNumber phone,
    DoNotCallSource source,
    Instant addedAt,
    Optional<String> callId,
    Optional<String> reason) {
  public DoNotCallEntry {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(addedAt, "addedAt");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(reason, "reason");
  }
}
