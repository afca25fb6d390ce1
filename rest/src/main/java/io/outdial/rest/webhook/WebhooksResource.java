package io.outdial.rest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.ConflictException;
import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.WebhookId;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.core.webhook.DeliveryStatus;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.webhook.DeliveryRecord;
import io.outdial.persistence.webhook.Replay;
import io.outdial.persistence.webhook.WebhookDeliveries;
import io.outdial.persistence.webhook.WebhookEndpoint;
import io.outdial.persistence.webhook.WebhookEndpoints;
import io.outdial.rest.Paging;
import io.outdial.rest.PathIds;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import io.outdial.rest.idempotency.Idempotent;
import io.outdial.webhooks.Subscriptions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/webhooks}: endpoints that receive signed events (Standard Webhooks), their
 * delivery log and replays. Changes count against the {@code webhooks} rate policy (20 a minute).
 */
@RequestScoped
@Path("/api/v1/webhooks")
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "apiKey")
public class WebhooksResource {
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;
  private static final String NOT_FOUND = "Webhook not found";

  @Inject Subscriptions subscriptions;
  @Inject WebhookEndpoints endpoints;
  @Inject WebhookDeliveries deliveries;
  @Inject Caller caller;
  @Inject Clock clock;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.WEBHOOKS)
  @Idempotent
  @Operation(
      summary = "Create a webhook endpoint",
      description =
          "Answers the signing secret once. Nothing is delivered until the endpoint has answered"
              + " its ownership challenge: a signed webhook.verification event whose"
              + " data.challenge it must echo as {\"challenge\": \"...\"} with a 2xx.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = CreateWebhookRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created; the secret is in this answer only",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "url not https, or resolving to a private, loopback, link-local or metadata address;"
              + " unknown event type",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response create(CreateWebhookRequest request) {
    if (request == null) {
      throw new ValidationException("body", "Request body is required");
    }
    Subscriptions.Created made =
        subscriptions.create(
            caller.client(),
            request.url(),
            request.events(),
            Optional.ofNullable(request.description()));
    return Response.status(Response.Status.CREATED)
        .entity(WebhookView.from(clock.instant(), made.endpoint(), made.secret().wire()))
        .build();
  }

  @GET
  @Operation(summary = "List webhook endpoints", description = "Oldest first.")
  @APIResponse(
      responseCode = "200",
      description = "Oldest first",
      content = @Content(schema = @Schema(implementation = WebhookList.class)))
  public WebhookList list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    int pageSize = Paging.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    int skip = Paging.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    Page<WebhookEndpoint> page = endpoints.list(caller.client(), pageSize, skip);
    return new WebhookList(
        page.items().stream().map(e -> WebhookView.from(clock.instant(), e)).toList(),
        page.total(),
        pageSize,
        skip);
  }

  @GET
  @Path("/{webhook_id}")
  @Operation(summary = "Get a webhook endpoint")
  @APIResponse(
      responseCode = "404",
      description = "No such webhook for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "200",
      description = "The endpoint",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  public WebhookView get(@PathParam("webhook_id") String webhookId) {
    return WebhookView.from(
        clock.instant(),
        endpoints.find(caller.client(), id(webhookId)).orElseThrow(WebhooksResource::notFound));
  }

  @PATCH
  @Path("/{webhook_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.WEBHOOKS)
  @Operation(
      summary = "Change a webhook endpoint",
      description =
          "Fields given are changed (url, events, description; description null removes it). A"
              + " new url is checked as on creation and challenged again before deliveries"
              + " resume.")
  @APIResponse(
      responseCode = "200",
      description = "The endpoint as changed",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  public WebhookView update(@PathParam("webhook_id") String webhookId, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ValidationException("body", "Request body must be a JSON object");
    }
    List<String> unknown = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!List.of("url", "events", "description").contains(f)) {
                unknown.add(f);
              }
            });
    if (!unknown.isEmpty()) {
      throw new ValidationException(
          unknown.getFirst(),
          "Unknown field '"
              + unknown.getFirst()
              + "'; a webhook's url, events and description"
              + " can be changed");
    }
    Optional<String> url = Optional.ofNullable(body.get("url")).map(n -> text("url", n));
    Optional<List<String>> events =
        Optional.ofNullable(body.get("events"))
            .map(
                n -> {
                  if (!n.isArray()) {
                    throw new ValidationException("events", "events must be an array of strings");
                  }
                  List<String> names = new ArrayList<>();
                  n.forEach(e -> names.add(text("events", e)));
                  return names;
                });
    Optional<Optional<String>> description =
        Optional.ofNullable(body.get("description"))
            .map(n -> n.isNull() ? Optional.empty() : Optional.of(text("description", n)));
    return WebhookView.from(
        clock.instant(),
        subscriptions
            .update(caller.client(), id(webhookId), url, events, description)
            .orElseThrow(WebhooksResource::notFound));
  }

  @DELETE
  @Path("/{webhook_id}")
  @RateLimited(ApiRatePolicy.WEBHOOKS)
  @Operation(
      summary = "Delete a webhook endpoint",
      description = "Its undelivered deliveries are cancelled.")
  @APIResponse(
      responseCode = "200",
      description = "Deleted",
      content = @Content(schema = @Schema(implementation = DeletedWebhook.class)))
  public DeletedWebhook delete(@PathParam("webhook_id") String webhookId) {
    WebhookId id = id(webhookId);
    if (!endpoints.delete(caller.client(), id, clock.instant())) {
      throw notFound();
    }
    return new DeletedWebhook(true, id.value());
  }

  @POST
  @Path("/{webhook_id}/rotate-secret")
  @RateLimited(ApiRatePolicy.WEBHOOKS)
  @Operation(
      summary = "Rotate the signing secret",
      description =
          "Answers the new secret once. The previous one keeps signing beside it (two v1"
              + " signatures in webhook-signature) for 24 hours by default.")
  @APIResponse(
      responseCode = "200",
      description = "The new secret, answered this once",
      content = @Content(schema = @Schema(implementation = RotatedSecret.class)))
  public RotatedSecret rotate(@PathParam("webhook_id") String webhookId) {
    Subscriptions.Created rotated =
        subscriptions
            .rotate(caller.client(), id(webhookId))
            .orElseThrow(WebhooksResource::notFound);
    return new RotatedSecret(
        rotated.endpoint().id().value(),
        rotated.secret().wire(),
        rotated.endpoint().previousSecretUntil().orElse(null));
  }

  @POST
  @Path("/{webhook_id}/enable")
  @RateLimited(ApiRatePolicy.WEBHOOKS)
  @Operation(
      summary = "Enable a disabled webhook endpoint",
      description =
          "Deliveries that waited while it was disabled are due at once, in order. An endpoint"
              + " never verified is challenged again first.")
  @APIResponse(
      responseCode = "200",
      description = "The endpoint",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  public WebhookView enable(@PathParam("webhook_id") String webhookId) {
    return WebhookView.from(
        clock.instant(),
        endpoints
            .enable(caller.client(), id(webhookId), clock.instant())
            .orElseThrow(WebhooksResource::notFound));
  }

  @POST
  @Path("/{webhook_id}/disable")
  @RateLimited(ApiRatePolicy.WEBHOOKS)
  @Operation(
      summary = "Disable a webhook endpoint",
      description = "Nothing is sent and no new deliveries are made for it until it is enabled.")
  @APIResponse(
      responseCode = "200",
      description = "The endpoint",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  public WebhookView disable(@PathParam("webhook_id") String webhookId) {
    return WebhookView.from(
        clock.instant(),
        endpoints
            .disable(caller.client(), id(webhookId), clock.instant())
            .orElseThrow(WebhooksResource::notFound));
  }

  @GET
  @Path("/{webhook_id}/deliveries")
  @Operation(
      summary = "The endpoint's delivery log",
      description = "Newest first; status filters (pending, succeeded, failed, cancelled).")
  @APIResponse(
      responseCode = "200",
      description = "Newest first",
      content = @Content(schema = @Schema(implementation = DeliveryList.class)))
  public DeliveryList deliveries(
      @PathParam("webhook_id") String webhookId,
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Optional<DeliveryStatus> wanted =
        Optional.ofNullable(status)
            .filter(s -> !s.isBlank())
            .map(
                s ->
                    DeliveryStatus.fromWire(s.strip())
                        .orElseThrow(
                            () ->
                                new ValidationException(
                                    "status",
                                    "status must be one of pending, succeeded, failed,"
                                        + " cancelled")));
    int pageSize = Paging.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    int skip = Paging.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    Page<DeliveryRecord> page =
        deliveries
            .log(caller.client(), id(webhookId), wanted, pageSize, skip)
            .orElseThrow(WebhooksResource::notFound);
    return new DeliveryList(
        page.items().stream().map(DeliveryView::from).toList(), page.total(), pageSize, skip);
  }

  @POST
  @Path("/{webhook_id}/deliveries/{delivery_id}/replay")
  @RateLimited(ApiRatePolicy.WEBHOOKS)
  @Operation(
      summary = "Send a delivery's event again",
      description = "A new delivery of the same event (same webhook-id, same body) is due at once.")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content = @Content(schema = @Schema(implementation = DeliveryView.class)))
  @APIResponse(
      responseCode = "409",
      description = "The endpoint is disabled or not verified",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response replay(
      @PathParam("webhook_id") String webhookId, @PathParam("delivery_id") String deliveryId) {
    WebhookId id = id(webhookId);
    if (deliveryId == null || !deliveryId.matches("dlv_[0-9a-zA-Z]{1,64}")) {
      throw new NotFoundException("Delivery not found");
    }
    return switch (deliveries.replay(caller.client(), id, deliveryId, clock.instant())) {
      case Replay.Queued q -> Response.accepted(DeliveryView.from(q.delivery())).build();
      case Replay.NotFound n -> throw new NotFoundException("Delivery not found");
      case Replay.EndpointNotActive e ->
          throw new ConflictException(
              "Webhook is "
                  + e.status().wireName()
                  + "; enable it (or let it answer its challenge) before replaying");
    };
  }

  private static String text(String field, JsonNode node) {
    if (!node.isTextual()) {
      throw new ValidationException(field, field + " must be a string");
    }
    return node.asText();
  }

  private static WebhookId id(String value) {
    return PathIds.parse(value, WebhookId::parse, NOT_FOUND);
  }

  private static NotFoundException notFound() {
    return new NotFoundException(NOT_FOUND);
  }
}
