package io.outdial.rest.dnc;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/clients/{client_id}/dnc}. */
@Schema(name = "AddDoNotCall")
public record AddDncRequest(
    @JsonProperty("phone_number")
        @Schema(
            required = true,
            examples = "+15559876543",
            description = "E.164 preferred; other formats are normalised as contacts' numbers are")
        String phoneNumber,
    @Schema(description = "a note for the entry, at most 200 characters") String reason) {}
