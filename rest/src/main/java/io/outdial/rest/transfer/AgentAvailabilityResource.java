package io.outdial.rest.transfer;

import io.outdial.core.apikey.ApiScope;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.persistence.transfer.TransferTargets;
import io.outdial.rest.Times;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who of the calling key's client can take a transfer now, per queue. */
@Path("/api/v1/calls/agent-availability")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Transfer targets")
@SecurityRequirement(name = "apiKey")
public class AgentAvailabilityResource {
  @Inject TransferTargets targets;
  @Inject Caller caller;
  @Inject Clock clock;

  @GET
  @RateLimited(ApiRatePolicy.AGENT_AVAILABILITY)
  @Operation(
      summary = "Who is free per queue",
      description =
          "The client's queues with their members by status (available, busy, offline) and"
              + " the available ones by name and address, as the integrator's system last set"
              + " them. Rate policy agent-availability (30 a minute per key).")
  @APIResponse(
      responseCode = "200",
      description = "Availability now",
      content = @Content(schema = @Schema(implementation = AgentAvailabilityView.class)))
  @APIResponse(
      responseCode = "404",
      description = "queue names no queue of this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public AgentAvailabilityView availability(
      @Parameter(description = "Only this queue: its target_id or its name (ignoring case)")
          @QueryParam("queue")
          String queue) {
    Optional<String> only =
        queue == null || queue.isBlank() ? Optional.empty() : Optional.of(queue);
    return targets
        .availability(caller.client(), only)
        .map(a -> AgentAvailabilityView.from(a, Times.seconds(clock.instant())))
        .orElseThrow(() -> new NotFoundException("Queue not found"));
  }
}
