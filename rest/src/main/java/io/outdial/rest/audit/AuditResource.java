package io.outdial.rest.audit;

import io.outdial.core.apikey.ApiScope;
import io.outdial.core.id.CallId;
import io.outdial.core.id.CampaignId;
import io.outdial.persistence.call.CallRecord;
import io.outdial.persistence.call.CallStore;
import io.outdial.persistence.campaign.CampaignStore;
import io.outdial.persistence.campaign.Page;
import io.outdial.rest.Paging;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Call audit records of the calling key's client. */
@Path("/api/v1/audit")
@RequestScoped
@RequiresScope(ApiScope.AUDIT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = "apiKey")
public class AuditResource {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;

  @Inject CallStore calls;
  @Inject CampaignStore campaigns;
  @Inject Caller caller;

  @GET
  @Path("/{call_id}")
  @Operation(summary = "The full audit trail of one call")
  @APIResponse(
      responseCode = "200",
      description = "The call",
      content = @Content(schema = @Schema(implementation = AuditRecord.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such call for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public AuditRecord get(@PathParam("call_id") String callId) {
    CallId id = PathIds.parse(callId, CallId::parse, "Call not found");
    return calls
        .find(caller.client(), id)
        .map(AuditRecord::from)
        .orElseThrow(() -> notFound("Call not found"));
  }

  @GET
  @Operation(summary = "List call audit records", description = "Oldest first; filter by campaign.")
  @APIResponse(
      responseCode = "200",
      description = "A page of records",
      content = @Content(schema = @Schema(implementation = AuditPage.class)))
  @APIResponse(
      responseCode = "400",
      description = "limit or offset out of range",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "campaign_id names no campaign of this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public AuditPage list(
      @QueryParam("campaign_id") String campaignId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    int pageSize = Paging.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    int skip = Paging.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    Optional<CampaignId> campaign = Optional.empty();
    if (campaignId != null && !campaignId.isBlank()) {
      CampaignId id = PathIds.parse(campaignId, CampaignId::parse, "Campaign not found");
      if (campaigns.find(caller.client(), id).isEmpty()) {
        throw notFound("Campaign not found");
      }
      campaign = Optional.of(id);
    }
    Page<CallRecord> page = calls.list(caller.client(), campaign, pageSize, skip);
    return new AuditPage(
        page.items().stream().map(AuditRecord::from).toList(), page.total(), pageSize, skip);
  }

  private static NotFoundException notFound(String what) {
    return new NotFoundException(what);
  }
}
