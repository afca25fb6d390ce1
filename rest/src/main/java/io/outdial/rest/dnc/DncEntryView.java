package io.outdial.rest.dnc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.persistence.dnc.DoNotCallEntry;
import io.outdial.rest.Times;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A number on a client's do-not-call list. */
@Schema(name = "DoNotCallEntry")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DncEntryView(
    @JsonProperty("phone_number") @Schema(examples = "+15559876543", description = "E.164")
        String phoneNumber,
    @Schema(
            description =
                "opt_out (the callee asked in a call), upload (a line of an uploaded file) or api"
                    + " (added one by one)",
            examples = "api")
        String source,
    @JsonProperty("added_at") Instant addedAt,
    @JsonProperty("call_id")
        @Schema(description = "the call in which the callee opted out", nullable = true)
        String callId,
    @Schema(description = "the note given when the number was added", nullable = true)
        String reason) {

  static DncEntryView from(DoNotCallEntry entry) {
    return new DncEntryView(
        entry.phone().e164(),
        entry.source().wireName(),
        Times.seconds(entry.addedAt()),
        entry.callId().orElse(null),
        entry.reason().orElse(null));
  }
}
