package io.outdial.rest.audit;

import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.CallId;
import io.outdial.persistence.call.CallStore;
import io.outdial.rest.PathIds;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A call's transcript and post-call analysis, as the voice-agent document's transcripts. */
@Path("/api/v1/calls/{call_id}/transcript")
@RequestScoped
@RequiresScope(ApiScope.AUDIT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = "apiKey")
public class CallTranscriptResource {
  @Inject CallStore calls;
  @Inject Caller caller;

  @GET
  @Operation(summary = "A call's transcript and post-call analysis")
  @APIResponse(
      responseCode = "200",
      description = "The transcript; analysis null, {status: pending} or the result",
      content = @Content(schema = @Schema(implementation = CallTranscript.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such call for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public CallTranscript get(@PathParam("call_id") String callId) {
    CallId id = PathIds.parse(callId, CallId::parse, "Call not found");
    return calls
        .find(caller.client(), id)
        .map(AuditRecord::from)
        .map(CallTranscript::from)
        .orElseThrow(() -> new NotFoundException("Call not found"));
  }
}
