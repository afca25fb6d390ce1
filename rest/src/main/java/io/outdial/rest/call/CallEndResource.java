package io.outdial.rest.call;

import io.outdial.core.ConflictException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.CallId;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.persistence.call.CallEndRequested;
import io.outdial.persistence.call.CallEnds;
import io.outdial.persistence.call.EndRequest;
import io.outdial.rest.PathIds;
import io.outdial.rest.Times;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
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
 * Ends a live call of the calling key's client on request. The request is written on the call's
 * row, so it reaches the server holding the call whichever server took it; that server hangs up
 * through its telephony provider at its next refresh.
 */
@Path("/api/v1/calls/{call_id}/end")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls")
@SecurityRequirement(name = "apiKey")
public class CallEndResource {
  /** The reference document's words for a call that is not up. */
  static final String NOT_ACTIVE = "Call is not currently active";

  @Inject CallEnds ends;
  @Inject Caller caller;
  @Inject Clock clock;
  @Inject Event<CallEndRequested> requested;

  @POST
  @RateLimited(ApiRatePolicy.CALL_END)
  @Operation(
      summary = "End a live call",
      description =
          "Hangs up a call that is ringing or up. Answered at once with 202: the server holding"
              + " the call (any of them) hangs it up within a dispatcher refresh (500 ms by"
              + " default). The call keeps the disposition it had come to (the conversation's"
              + " verdict so far, voicemail, or no_answer before anyone answered); its audit"
              + " record and the call.ended event say end_reason ended_by_request. Asking again"
              + " while it ends is harmless. Rate policy call-end (10 a minute per key).")
  @APIResponse(
      responseCode = "202",
      description = "The call is being ended",
      content = @Content(schema = @Schema(implementation = CallEndView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such call for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "409",
      description = "Call is not currently active (it ended already)",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response end(@PathParam("call_id") String callId) {
    CallId id = PathIds.parse(callId, CallId::parse, "Call not found");
    return switch (ends.request(caller.client(), id, clock.instant())) {
      case EndRequest.Requested r -> {
        requested.fire(new CallEndRequested(id));
        yield Response.accepted(
                new CallEndView(id.value(), "ending", Times.seconds(r.requestedAt())))
            .build();
      }
      case EndRequest.NotFound n -> throw new NotFoundException("Call not found");
      case EndRequest.NotActive n -> throw new ConflictException(NOT_ACTIVE);
    };
  }
}
