package io.outdial.rest.sms;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/sms}. */
@Schema(name = "SendSms")
public record SendSmsRequest(
    @Schema(
            required = true,
            examples = "+15559876543",
            description = "The recipient, E.164 (other formats are normalised as contacts' are)")
        String to,
    @Schema(
            required = true,
            minLength = 1,
            maxLength = 1600,
            examples = "Hi Ada, sorry we missed you. Reply or call us back at +15551234567.")
        String text,
    @Schema(
            examples = "+15551234567",
            description =
                "The sender, E.164; when left out, the caller ID of the campaign named by"
                    + " campaign_id (one of the two is required)")
        String from,
    @JsonProperty("campaign_id")
        @Schema(description = "The client's campaign the message belongs to")
        String campaignId,
    @JsonProperty("contact_id")
        @Schema(description = "The contact it goes to, in one of the client's campaigns")
        Long contactId) {}
