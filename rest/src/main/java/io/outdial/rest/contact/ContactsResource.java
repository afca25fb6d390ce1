package io.outdial.rest.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.outdial.core.ConflictException;
import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.campaign.CampaignClosedException;
import io.outdial.core.id.CampaignId;
import io.outdial.persistence.campaign.CampaignGoneException;
import io.outdial.persistence.campaign.CampaignRecord;
import io.outdial.persistence.campaign.CampaignStore;
import io.outdial.rest.PathIds;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RateLimits;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Contacts uploaded into a campaign of the calling key's client. */
@Path("/api/v1/campaigns/{campaign_id}/contacts")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
@SecurityRequirement(name = "apiKey")
public class ContactsResource {
  /** Rows one JSON upload may carry; larger lists belong in a file upload. */
  static final int MAX_JSON_ROWS = 100_000;

  @Inject ContactUploads uploads;
  @Inject UploadFiles files;
  @Inject CampaignStore campaigns;
  @Inject Caller caller;

  @POST
  @Path("/json")
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(RateLimits.UPLOADS)
  @Operation(
      summary = "Upload contacts as a JSON array",
      description =
          "Each contact needs a phone. Rows with an invalid or missing phone are skipped and"
              + " counted, duplicates too; the good rows are kept. The upload is a job: its id is"
              + " in the answer and GET /api/v1/jobs/{job_id} shows the row errors. Contacts are"
              + " stored in batches of 10 000, each in a transaction of its own: an upload that"
              + " fails midway (the campaign deleted meanwhile, a database failure) keeps the"
              + " batches stored before it failed, and its job, failed, counts them.")
  @APIResponse(
      responseCode = "200",
      description = "Uploaded",
      content = @Content(schema = @Schema(implementation = UploadResult.class)))
  @APIResponse(
      responseCode = "400",
      description = "The body is not an array of objects",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such campaign for this client, or it was deleted during the upload",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "409",
      description = "The campaign has ended",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public UploadResult uploadJson(@PathParam("campaign_id") String campaignId, JsonNode body) {
    CampaignId id = campaignOf(campaignId);
    if (body == null || !body.isArray()) {
      throw new ValidationException("body", "Request body must be a JSON array of contact objects");
    }
    if (body.size() > MAX_JSON_ROWS) {
      throw new ValidationException(
          "body", "At most " + MAX_JSON_ROWS + " contacts per JSON upload; upload a file for more");
    }
    List<Map<String, String>> rows = new ArrayList<>(body.size());
    for (JsonNode contact : body) {
      rows.add(fields(contact));
    }
    try {
      return uploads.uploadRows(caller.client(), id, rows);
    } catch (CampaignGoneException e) {
      throw notFound();
    }
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RateLimited(RateLimits.UPLOADS)
  @LimitedUploadSize
  @Operation(
      summary = "Upload contacts as a CSV or Excel (.xlsx) file",
      description =
          "Multipart form data, field 'file'. The first row names the columns (phone required;"
              + " first_name, last_name, email, company, title; any other column is kept as a"
              + " contact variable; names in any case). The answer carries the counts when the job"
              + " finishes within a few seconds, else 202 with the job's id: follow it at"
              + " GET /api/v1/jobs/{job_id}. Rows with too many or too long variables are skipped"
              + " and counted like rows without a phone (OUTDIAL_CONTACT_MAX_VARIABLES, 50 by"
              + " default, each at most OUTDIAL_CONTACT_MAX_VARIABLE_CHARS, 1 000). The file is"
              + " refused (400) when a CSV record (a quoted field's line breaks included), a"
              + " sheet's row or cell or a shared string holds more than"
              + " OUTDIAL_UPLOAD_MAX_RECORD_CHARS characters (1 048 576 by default), or a header"
              + " has more than OUTDIAL_UPLOAD_MAX_COLUMNS columns (1 000; a sheet's cells may not"
              + " lie beyond that column either).")
  @APIResponse(
      responseCode = "200",
      description = "Uploaded",
      content = @Content(schema = @Schema(implementation = UploadResult.class)))
  @APIResponse(
      responseCode = "202",
      description = "Accepted: still running",
      content = @Content(schema = @Schema(implementation = UploadAccepted.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "The file is malformed or over a limit (no phone column, a record, row or cell of too"
              + " many characters, a header of too many columns, a broken workbook)",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such campaign for this client, or it was deleted during the upload",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "409",
      description = "The campaign has ended",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "413",
      description = "The file is larger than the configured limit",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "415",
      description = "Neither CSV nor an .xlsx workbook",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response uploadFile(
      @PathParam("campaign_id") String campaignId, @FormParam("file") EntityPart file)
      throws IOException, InterruptedException {
    CampaignId id = campaignOf(campaignId);
    if (file == null) {
      throw new ValidationException(
          "file", "Send the contacts as multipart form data in a field named 'file'");
    }
    java.nio.file.Path spooled = files.spool(file.getContent());
    ContactUploads.Submitted submitted;
    try {
      UploadFormat format = UploadFormat.detect(spooled, file.getFileName().orElse(null));
      submitted = uploads.uploadFile(caller.client(), id, spooled, format);
    } catch (CampaignGoneException e) {
      Files.deleteIfExists(spooled);
      throw notFound();
    } catch (RuntimeException | IOException e) {
      Files.deleteIfExists(spooled);
      throw e;
    }
    try {
      return Response.ok(submitted.result().get(files.syncWait().toMillis(), TimeUnit.MILLISECONDS))
          .build();
    } catch (TimeoutException stillRunning) {
      return Response.accepted(new UploadAccepted(submitted.job().value(), "running")).build();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebApplicationException refusal) {
        throw refusal;
      }
      if (e.getCause() instanceof ConflictException conflict) {
        throw conflict;
      }
      throw new IllegalStateException("Contact upload failed", e.getCause());
    }
  }

  /** The campaign, if it is the client's and can still take contacts. */
  private CampaignId campaignOf(String campaignId) {
    CampaignId id = PathIds.parse(campaignId, CampaignId::parse, "Campaign not found");
    CampaignRecord campaign =
        campaigns.find(caller.client(), id).orElseThrow(ContactsResource::notFound);
    if (campaign.status().isTerminal()) {
      // checked again, under the campaign's lock, when the upload's job starts
      throw new CampaignClosedException(campaign.status());
    }
    return id;
  }

  /** A contact's fields as text; anything that is not an object becomes a row without a phone. */
  private static Map<String, String> fields(JsonNode contact) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (contact != null && contact.isObject()) {
      contact
          .properties()
          .forEach(
              field -> {
                JsonNode value = field.getValue();
                if (value.isValueNode() && !value.isNull()) {
                  fields.put(field.getKey(), value.asText());
                }
              });
    }
    return fields;
  }

  private static NotFoundException notFound() {
    return new NotFoundException("Campaign not found");
  }
}
