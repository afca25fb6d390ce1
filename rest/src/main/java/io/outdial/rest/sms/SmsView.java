package io.outdial.rest.sms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.outdial.persistence.sms.SmsRecord;
import io.outdial.rest.Times;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A text message ({@code POST /api/v1/sms} answers it too, with status {@code queued}). */
@Schema(name = "Sms")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SmsView(
    @JsonProperty("sms_id") @Schema(examples = "sms_0f8b2c...") String smsId,
    @Schema(
            enumeration = {"queued", "sent", "failed", "refused"},
            description =
                "queued: waiting for the sender (and for the recipient's calling hours); sent:"
                    + " the carrier took it; failed: the carrier refused it, or kept failing;"
                    + " refused: the number was on the do-not-call list when it was to be sent")
        String status,
    String to,
    String from,
    String text,
    @JsonProperty("campaign_id") @Schema(nullable = true) String campaignId,
    @JsonProperty("contact_id") @Schema(nullable = true) Long contactId,
    @JsonProperty("call_id")
        @Schema(nullable = true, description = "The call this follow-up message was sent after")
        String callId,
    @JsonProperty("provider_message_id")
        @Schema(nullable = true, description = "The carrier's id, once sent")
        String providerMessageId,
    @Schema(nullable = true, description = "Why it failed or was refused, or the last failure")
        String error,
    @Schema(description = "How often a sender handed it to the carrier or tried to") int attempts,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("sent_at") @Schema(nullable = true) Instant sentAt) {

  static SmsView from(SmsRecord m) {
    return new SmsView(
        m.id(),
        m.status().wireName(),
        m.to().e164(),
        m.from().e164(),
        m.text(),
        m.campaignId().orElse(null),
        m.contactId().orElse(null),
        m.callId().orElse(null),
        m.providerMessageId().orElse(null),
        m.error().orElse(null),
        m.attempts(),
        Times.seconds(m.createdAt()),
        Times.seconds(m.updatedAt()),
        m.sentAt().map(Times::seconds).orElse(null));
  }
}
