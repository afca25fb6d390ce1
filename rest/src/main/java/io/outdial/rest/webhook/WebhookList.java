package io.outdial.rest.webhook;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/webhooks}. */
@Schema(name = "WebhookList")
public record WebhookList(List<WebhookView> webhooks, long total, int limit, int offset) {}
