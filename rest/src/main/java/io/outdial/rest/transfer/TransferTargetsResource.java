package io.outdial.rest.transfer;

import io.outdial.core.ConflictException;
import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.TransferTargetId;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.core.transfer.AgentStatus;
import io.outdial.core.transfer.TargetSpec;
import io.outdial.core.transfer.TargetType;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.transfer.StatusChange;
import io.outdial.persistence.transfer.TargetRecord;
import io.outdial.persistence.transfer.TargetWrite;
import io.outdial.persistence.transfer.TransferTargets;
import io.outdial.rest.Paging;
import io.outdial.rest.PathIds;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import io.outdial.rest.idempotency.Idempotent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Transfer targets of the calling key's client: humans (a SIP URI or E.164 number, a status the
 * integrator's system sets, queue memberships) and queues. It only maps HTTP to the store.
 */
@Path("/api/v1/transfer-targets")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Transfer targets")
@SecurityRequirement(name = "apiKey")
public class TransferTargetsResource {
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;
  private static final String NOT_FOUND = "Transfer target not found";

  @Inject TransferTargets targets;
  @Inject Caller caller;
  @Inject Clock clock;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.TRANSFER_TARGETS)
  @Idempotent
  @Operation(
      summary = "Create a transfer target",
      description =
          "A human (name, address, status, queue_ids) or a queue (name, optional address) that"
              + " calls can be handed to. Rate policy transfer-targets (60 a minute per key).")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = TransferTargetRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = TransferTargetView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or invalid, or a queue id is unknown; the detail names it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "409",
      description = "Another target has this address, or another queue this name",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response create(TransferTargetRequest request) {
    TargetRecord created =
        written(
            targets.create(
                caller.client(), TransferTargetId.random(), spec(request), clock.instant()));
    return Response.created(
            UriBuilder.fromPath("/api/v1/transfer-targets/{target_id}").build(created.id().value()))
        .entity(TransferTargetView.from(created))
        .build();
  }

  @GET
  @Operation(summary = "List transfer targets", description = "Oldest first.")
  @APIResponse(
      responseCode = "200",
      description = "A page of transfer targets",
      content = @Content(schema = @Schema(implementation = TransferTargetList.class)))
  @APIResponse(
      responseCode = "400",
      description = "type, limit or offset out of range",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public TransferTargetList list(
      @Parameter(description = "human or queue; both when absent") @QueryParam("type") String type,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Optional<TargetType> kind =
        type == null || type.isBlank() ? Optional.empty() : Optional.of(TargetType.fromWire(type));
    int pageSize = Paging.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    int skip = Paging.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    Page<TargetRecord> page = targets.list(caller.client(), kind, pageSize, skip);
    return new TransferTargetList(
        page.items().stream().map(TransferTargetView::from).toList(), page.total(), pageSize, skip);
  }

  @GET
  @Path("/{target_id}")
  @Operation(summary = "Get a transfer target")
  @APIResponse(
      responseCode = "200",
      description = "The transfer target",
      content = @Content(schema = @Schema(implementation = TransferTargetView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such transfer target for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public TransferTargetView get(@PathParam("target_id") String targetId) {
    return TransferTargetView.from(
        targets
            .find(caller.client(), parseId(targetId))
            .orElseThrow(TransferTargetsResource::notFound));
  }

  @PUT
  @Path("/{target_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.TRANSFER_TARGETS)
  @Operation(
      summary = "Replace a transfer target",
      description =
          "Takes the same body as create. The type cannot change; a human left without status"
              + " keeps its own, and its queue_ids replace its memberships.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = TransferTargetRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The transfer target as now stored",
      content = @Content(schema = @Schema(implementation = TransferTargetView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or invalid, or the type differs; the detail names it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such transfer target for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "409",
      description = "Another target has this address, or another queue this name",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public TransferTargetView replace(
      @PathParam("target_id") String targetId, TransferTargetRequest request) {
    TransferTargetId id = parseId(targetId);
    return TransferTargetView.from(
        written(targets.replace(caller.client(), id, spec(request), clock.instant())));
  }

  @PATCH
  @Path("/{target_id}/status")
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.TRANSFER_TARGETS)
  @Operation(
      summary = "Set a human's status",
      description =
          "available, busy or offline, as the integrator's own system knows it. Setting the"
              + " status it already has changes nothing (status_changed_at stays).")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = StatusRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The human as now stored",
      content = @Content(schema = @Schema(implementation = TransferTargetView.class)))
  @APIResponse(
      responseCode = "400",
      description = "status missing or invalid, or the target is a queue",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such transfer target for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public TransferTargetView patchStatus(
      @PathParam("target_id") String targetId, StatusRequest request) {
    TransferTargetId id = parseId(targetId);
    if (request == null) {
      throw new ValidationException("body", "Request body is required");
    }
    AgentStatus status = AgentStatus.fromWire(request.status());
    return switch (targets.status(caller.client(), id, status, clock.instant())) {
      case StatusChange.Changed changed -> TransferTargetView.from(changed.target());
      case StatusChange.NotFound n -> throw notFound();
      case StatusChange.NotAHuman q ->
          throw new ValidationException(
              "status", "status applies to humans only: a queue's availability is its members'");
    };
  }

  @PUT
  @Path("/{target_id}/status")
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.TRANSFER_TARGETS)
  @Operation(summary = "Set a human's status", description = "The same as PATCH.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = StatusRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The human as now stored",
      content = @Content(schema = @Schema(implementation = TransferTargetView.class)))
  @APIResponse(
      responseCode = "400",
      description = "status missing or invalid, or the target is a queue",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such transfer target for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public TransferTargetView putStatus(
      @PathParam("target_id") String targetId, StatusRequest request) {
    return patchStatus(targetId, request);
  }

  @DELETE
  @Path("/{target_id}")
  @RateLimited(ApiRatePolicy.TRANSFER_TARGETS)
  @Operation(
      summary = "Delete a transfer target",
      description =
          "A deleted queue loses its members (the humans stay); a deleted human leaves its"
              + " queues.")
  @APIResponse(
      responseCode = "200",
      description = "Deleted",
      content = @Content(schema = @Schema(implementation = DeletedTransferTarget.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such transfer target for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public DeletedTransferTarget delete(@PathParam("target_id") String targetId) {
    TransferTargetId id = parseId(targetId);
    if (!targets.delete(caller.client(), id)) {
      throw notFound();
    }
    return new DeletedTransferTarget(true, id.value());
  }

  /** The stored target, or the refusal as the client should read it. */
  private static TargetRecord written(TargetWrite write) {
    return switch (write) {
      case TargetWrite.Written w -> w.target();
      case TargetWrite.NotFound n -> throw notFound();
      case TargetWrite.DuplicateAddress d ->
          throw new ConflictException(
              "Another transfer target of this client has this address: " + d.existing().value());
      case TargetWrite.DuplicateQueueName d ->
          throw new ConflictException(
              "Another queue of this client has this name: " + d.existing().value());
      case TargetWrite.UnknownQueue u ->
          throw new ValidationException(
              "queue_ids", "queue_ids: " + u.queueId().value() + " is not a queue of this client");
      case TargetWrite.TypeChanged t ->
          throw new ValidationException(
              "type", "type cannot change: delete the target and create a new one");
    };
  }

  private static TargetSpec spec(TransferTargetRequest request) {
    if (request == null) {
      throw new ValidationException("body", "Request body is required");
    }
    return request.toSpec();
  }

  private static TransferTargetId parseId(String targetId) {
    return PathIds.parse(targetId, TransferTargetId::parse, NOT_FOUND);
  }

  private static NotFoundException notFound() {
    return new NotFoundException(NOT_FOUND);
  }
}
