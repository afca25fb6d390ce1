package io.outdial.rest.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outdial.core.ConflictException;
import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.CallId;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.persistence.call.CallMetadataStore;
import io.outdial.persistence.call.MetadataBounds;
import io.outdial.persistence.call.MetadataWrite;
import io.outdial.rest.PathIds;
import io.outdial.rest.Times;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import io.outdial.rest.limits.BodyTooLargeException;
import io.outdial.rest.limits.LimitedCallMetadataSize;
import io.outdial.rest.limits.RequestLimits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Writes an integrator's metadata back onto an ended call of the calling key's client. It only maps
 * HTTP to the store, which merges under the call's row lock.
 */
@Path("/api/v1/calls")
@RequestScoped
@RequiresScope(ApiScope.AUDIT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = "apiKey")
public class CallMetadataResource {
  @Inject CallMetadataStore store;
  @Inject Caller caller;
  @Inject RequestLimits limits;
  @Inject Clock clock;

  @POST
  @Path("/{call_id}/metadata")
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.CALL_METADATA)
  @LimitedCallMetadataSize
  @Operation(
      summary = "Write metadata back onto an ended call",
      description =
          "Any JSON object. mode=merge (the default) applies it as a JSON Merge Patch (RFC 7396)"
              + " to the call's metadata: a null member removes that key, objects merge, anything"
              + " else replaces. mode=replace stores it as it is. The audit records show it as"
              + " metadata. Rate policy call-metadata (30 a minute per key).")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(type = SchemaType.OBJECT, examples = "{\"outcome\": \"booked\"}")))
  @APIResponse(
      responseCode = "200",
      description = "The call's metadata as now stored",
      content = @Content(schema = @Schema(implementation = CallMetadataView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "The body is not a JSON object, nests too deep or holds too many members, or"
              + " mode is neither merge nor replace",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such call for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "409",
      description = "The call has not ended yet",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "413",
      description =
          "The body, or the call's metadata after the merge, is larger than the limit (64 KB by"
              + " default)",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public CallMetadataView write(
      @PathParam("call_id") String callId,
      @Parameter(description = "merge (default) or replace") @QueryParam("mode") String mode,
      JsonNode body) {
    CallId id = PathIds.parse(callId, CallId::parse, "Call not found");
    MetadataWrite.Mode how = mode(mode);
    ObjectNode metadata = checked(body, limits.maxCallMetadataBytes());
    return switch (store.write(
        caller.client(), id, how, metadata, limits.maxCallMetadataBytes(), clock.instant())) {
      case MetadataWrite.Written written ->
          new CallMetadataView(
              written.callId(), written.metadata(), Times.seconds(written.updatedAt()));
      case MetadataWrite.NotFound notFound -> throw new NotFoundException("Call not found");
      case MetadataWrite.NotEnded notEnded ->
          throw new ConflictException(
              "The call has not ended yet: metadata is written back after the call");
      case MetadataWrite.TooLarge tooLarge -> throw new BodyTooLargeException(tooLarge.reason());
    };
  }

  /** The write mode of {@code ?mode=}: merge when absent. */
  static MetadataWrite.Mode mode(String mode) {
    if (mode == null || mode.isBlank()) {
      return MetadataWrite.Mode.MERGE;
    }
    return switch (mode.strip().toLowerCase(Locale.ROOT)) {
      case "merge" -> MetadataWrite.Mode.MERGE;
      case "replace" -> MetadataWrite.Mode.REPLACE;
      default -> throw new ValidationException("mode", "mode must be merge or replace");
    };
  }

  /** The body as metadata, or the refusal: 400 unless a JSON object within the bounds, else 413. */
  static ObjectNode checked(JsonNode body, long maxBytes) {
    return switch (MetadataBounds.check(body, maxBytes)) {
      case MetadataBounds.Verdict.Fits fits -> (ObjectNode) body;
      case MetadataBounds.Verdict.NotAnObject notAnObject ->
          throw new ValidationException(
              "body", "Request body must be a JSON object (the call's metadata)");
      case MetadataBounds.Verdict.TooComplex complex ->
          throw new ValidationException("body", "The metadata " + complex.reason());
      case MetadataBounds.Verdict.TooLarge tooLarge ->
          throw new BodyTooLargeException(RequestLimits.tooLarge(tooLarge.limit()));
    };
  }
}
