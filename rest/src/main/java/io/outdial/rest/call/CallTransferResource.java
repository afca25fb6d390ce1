package io.outdial.rest.call;

import io.outdial.core.ConflictException;
import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.CallId;
import io.outdial.core.id.TransferId;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.persistence.transfer.CallTransfers;
import io.outdial.persistence.transfer.TransferAsk;
import io.outdial.persistence.transfer.TransferRequested;
import io.outdial.rest.PathIds;
import io.outdial.rest.Times;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Hands a live call of the calling key's client to a human. The human is picked and marked busy
 * when the request is taken; the transfer is written on its own row, so it reaches the server
 * holding the call whichever server took it, and that server carries it out at its next refresh.
 */
@Path("/api/v1/calls/{call_id}/transfer")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls")
@SecurityRequirement(name = "apiKey")
public class CallTransferResource {
  /** The reference document's words for a queue with nobody free. */
  static final String NO_AGENTS = "No agents available in target queue";

  @Inject CallTransfers transfers;
  @Inject Caller caller;
  @Inject Clock clock;
  @Inject Event<TransferRequested> requested;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.CALL_TRANSFER)
  @Operation(
      summary = "Transfer a live call to a human",
      description =
          "Picks an available human of the target (the human named, or the longest-available"
              + " member of the queue) and marks them busy at once; two transfers never pick the"
              + " same human. Warm (default): the server holding the call puts the callee on"
              + " hold, calls the human, whispers the briefing and a summary of the call so far,"
              + " then bridges the two; the transcript goes on with both. Cold: the callee is"
              + " referred to the human (SIP REFER). Progress arrives as call.transfer_started,"
              + " call.transfer_completed and call.transfer_failed events. With nobody"
              + " available: 503, a callback task is recorded (call.transfer_failed with"
              + " reason no_agents_available and the task), and the agent tells the callee"
              + " someone will call back. Rate policy call-transfer (10 a minute per key).")
  @APIResponse(
      responseCode = "202",
      description = "A human was picked; the transfer is under way",
      content = @Content(schema = @Schema(implementation = CallTransferView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is wrong (named in detail)",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such call, or no such target, for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "409",
      description = "Call is not currently active, or is being transferred already",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "503",
      description = "No agents available in target queue; a callback task was recorded",
      content = @Content(schema = @Schema(implementation = NoAgentsView.class)))
  public Response transfer(@PathParam("call_id") String callId, CallTransferRequest body) {
    CallId id = PathIds.parse(callId, CallId::parse, "Call not found");
    if (body == null) {
      throw new ValidationException("transfer_target_id", "a body is required");
    }
    return switch (transfers.request(
        body.toOrder(caller.client(), id), TransferId.random(), clock.instant())) {
      case TransferAsk.Accepted a -> {
        requested.fire(new TransferRequested(id));
        yield Response.accepted(CallTransferView.from(a.transfer())).build();
      }
      case TransferAsk.NoAgentAvailable n -> {
        requested.fire(new TransferRequested(id));
        yield Response.status(Response.Status.SERVICE_UNAVAILABLE)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new NoAgentsView(NO_AGENTS, n.callbackId(), Times.seconds(n.recordedAt())))
            .build();
      }
      case TransferAsk.CallNotFound n -> throw new NotFoundException("Call not found");
      case TransferAsk.NotActive n -> throw new ConflictException(CallEndResource.NOT_ACTIVE);
      case TransferAsk.AlreadyTransferring t ->
          throw new ConflictException(
              "Call is being transferred already (" + t.transfer().id().value() + ")");
      case TransferAsk.TargetNotFound t ->
          throw new NotFoundException(t.field() + ": transfer target not found");
      case TransferAsk.NotAQueue q ->
          throw new BadRequestException(q.field() + " must name a queue, not a human");
    };
  }
}
