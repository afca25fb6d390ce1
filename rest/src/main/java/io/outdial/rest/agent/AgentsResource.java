package io.outdial.rest.agent;

import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.AgentId;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.persistence.agent.AgentDeletion;
import io.outdial.persistence.agent.AgentRecord;
import io.outdial.persistence.agent.AgentStore;
import io.outdial.persistence.campaign.Page;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Agents of the calling key's client: reusable configurations (voice, prompt, greeting, voicemail,
 * first-message mode, analysis plan, model) that campaigns refer to with {@code agent_id}.
 */
@Path("/api/v1/agents")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agents")
@SecurityRequirement(name = "apiKey")
public class AgentsResource {
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;
  private static final String NOT_FOUND = "Agent not found";

  @Inject AgentStore agents;
  @Inject Caller caller;
  @Inject Clock clock;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.AGENTS)
  @Idempotent
  @Operation(
      summary = "Create an agent",
      description =
          "A reusable configuration that campaigns refer to with agent_id instead of their own"
              + " system_prompt, voice, greeting_text and voicemail_text.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = AgentRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = AgentView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or invalid; the detail names it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response create(AgentRequest request) {
    AgentRecord created =
        agents.create(caller.client(), AgentId.random(), config(request), clock.instant());
    return Response.created(
            UriBuilder.fromPath("/api/v1/agents/{agent_id}").build(created.id().value()))
        .entity(AgentView.from(created))
        .build();
  }

  @GET
  @Operation(summary = "List agents", description = "Oldest first.")
  @APIResponse(
      responseCode = "200",
      description = "A page of agents",
      content = @Content(schema = @Schema(implementation = AgentList.class)))
  @APIResponse(
      responseCode = "400",
      description = "limit or offset out of range",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public AgentList list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    int pageSize = Paging.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    int skip = Paging.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    Page<AgentRecord> page = agents.list(caller.client(), pageSize, skip);
    return new AgentList(
        page.items().stream().map(AgentView::from).toList(), page.total(), pageSize, skip);
  }

  @GET
  @Path("/{agent_id}")
  @Operation(summary = "Get an agent")
  @APIResponse(
      responseCode = "200",
      description = "The agent",
      content = @Content(schema = @Schema(implementation = AgentView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such agent for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public AgentView get(@PathParam("agent_id") String agentId) {
    return AgentView.from(
        agents.find(caller.client(), parseId(agentId)).orElseThrow(AgentsResource::notFound));
  }

  @PUT
  @Path("/{agent_id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.AGENTS)
  @Operation(
      summary = "Replace an agent's configuration",
      description =
          "Takes the same body as create; fields left out take their defaults. Calls placed"
              + " afterwards, by every campaign using the agent, use the new configuration; calls"
              + " already placed keep the one they started with.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = AgentRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The updated agent, its revision one more",
      content = @Content(schema = @Schema(implementation = AgentView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or invalid; the detail names it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such agent for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public AgentView update(@PathParam("agent_id") String agentId, AgentRequest request) {
    AgentId id = parseId(agentId);
    return AgentView.from(
        agents
            .update(caller.client(), id, config(request), clock.instant())
            .orElseThrow(AgentsResource::notFound));
  }

  @DELETE
  @Path("/{agent_id}")
  @RateLimited(ApiRatePolicy.AGENTS)
  @Operation(
      summary = "Delete an agent",
      description =
          "Refused (409) while a campaign that is not deleted uses the agent, whatever the"
              + " campaign's status: delete those campaigns first.")
  @APIResponse(
      responseCode = "200",
      description = "Deleted",
      content = @Content(schema = @Schema(implementation = DeletedAgent.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such agent for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "409",
      description = "Campaigns use the agent",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public DeletedAgent delete(@PathParam("agent_id") String agentId) {
    AgentId id = parseId(agentId);
    return switch (agents.delete(caller.client(), id)) {
      case AgentDeletion.Deleted d -> new DeletedAgent(true, id.value());
      case AgentDeletion.NotFound n -> throw notFound();
      case AgentDeletion.InUse inUse ->
          throw new WebApplicationException(
              ErrorBody.response(
                  Response.Status.CONFLICT,
                  "Agent "
                      + id.value()
                      + " is used by "
                      + inUse.campaigns()
                      + (inUse.campaigns() == 1 ? " campaign" : " campaigns")
                      + "; delete "
                      + (inUse.campaigns() == 1 ? "it" : "them")
                      + " first"));
    };
  }

  private static io.outdial.core.agent.AgentConfig config(AgentRequest request) {
    if (request == null) {
      throw new ValidationException("body", "Request body is required");
    }
    return request.toConfig();
  }

  private static AgentId parseId(String agentId) {
    return PathIds.parse(agentId, AgentId::parse, NOT_FOUND);
  }

  private static NotFoundException notFound() {
    return new NotFoundException(NOT_FOUND);
  }
}
