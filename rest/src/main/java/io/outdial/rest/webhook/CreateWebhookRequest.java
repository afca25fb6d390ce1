package io.outdial.rest.webhook;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/webhooks}. */
@Schema(name = "CreateWebhookRequest")
public record CreateWebhookRequest(
    @Schema(
            required = true,
            description = "https URL that receives the events",
            examples = "https://hooks.example.com/outdial")
        String url,
    @Schema(
            required = true,
            description =
                "call.started, call.ended, call.analyzed, call.transfer_started,"
                    + " call.transfer_completed, call.transfer_failed, campaign.status_changed,"
                    + " job.completed")
        List<String> events,
    @Schema(description = "for people, at most 500 characters") String description) {}
