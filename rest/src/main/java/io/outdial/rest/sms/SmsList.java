package io.outdial.rest.sms;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of {@code GET /api/v1/sms}. */
@Schema(name = "SmsList")
public record SmsList(
    List<SmsView> messages,
    @Schema(description = "messages in all (of the campaign, when one was asked for)") long total,
    int limit,
    long offset) {}
