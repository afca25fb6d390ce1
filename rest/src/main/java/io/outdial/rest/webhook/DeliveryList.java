package io.outdial.rest.webhook;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code GET /api/v1/webhooks/{webhook_id}/deliveries}, newest first. */
@Schema(name = "WebhookDeliveryList")
public record DeliveryList(List<DeliveryView> deliveries, long total, int limit, int offset) {}
