package io.outdial.rest.contact;

import io.outdial.core.ConflictException;
import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.campaign.CampaignClosedException;
import io.outdial.core.id.CampaignId;
import io.outdial.core.job.JobStatus;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.persistence.campaign.CampaignGoneException;
import io.outdial.persistence.campaign.CampaignRecord;
import io.outdial.persistence.campaign.CampaignStore;
import io.outdial.rest.PathIds;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import io.outdial.rest.idempotency.Idempotent;
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
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
  @Inject ContactUploads uploads;
  @Inject UploadFiles files;
  @Inject UploadLimits limits;
  @Inject CampaignStore campaigns;
  @Inject Caller caller;

  @POST
  @Path("/json")
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.UPLOADS)
  @LimitedUploadSize
  @Idempotent
  @Operation(
      summary = "Upload contacts as a JSON array",
      description =
          "An array of contact objects: phone required; first_name, last_name, email, company,"
              + " title; any other field whose value is text, a number or a boolean is kept as a"
              + " contact variable (null, object and array values are left out; names in any"
              + " case). Each contact needs a phone. Rows with an invalid or missing phone are"
              + " skipped and counted, duplicates too, and so are rows with too many or too long"
              + " variables (OUTDIAL_CONTACT_MAX_VARIABLES, 50 by default, each at most"
              + " OUTDIAL_CONTACT_MAX_VARIABLE_CHARS, 1 000, named in at most 64 characters); the"
              + " good rows are kept. The whole body is checked before anything is stored: it"
              + " is refused (400) when it is not valid JSON, holds more than"
              + " OUTDIAL_UPLOAD_MAX_JSON_ROWS contacts (100 000 by default), or a contact with"
              + " more than OUTDIAL_UPLOAD_MAX_COLUMNS fields (1 000) or more than"
              + " OUTDIAL_UPLOAD_MAX_RECORD_CHARS characters (1 048 576); larger than"
              + " OUTDIAL_UPLOAD_MAX_BYTES (50 MB), it is refused with 413. The upload is a job:"
              + " its id is in the answer and GET /api/v1/jobs/{job_id} shows the row errors."
              + " Contacts are stored in batches of 10 000, each in a transaction of its own: an"
              + " upload that fails midway (the campaign deleted meanwhile, a database failure)"
              + " keeps the batches stored before it failed, and its job, failed, counts them.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = SchemaType.ARRAY,
                      implementation = Map.class,
                      description = "Contacts: each an object with a phone")))
  @APIResponse(
      responseCode = "200",
      description = "Uploaded",
      content = @Content(schema = @Schema(implementation = UploadResult.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "The body is not valid JSON or not an array, or it is over a limit (too many"
              + " contacts, a contact with too many fields or too much text); nothing is stored",
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
      description = "The body is larger than the configured limit",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public UploadResult uploadJson(@PathParam("campaign_id") String campaignId, InputStream body)
      throws IOException {
    CampaignId id = campaignOf(campaignId);
    // spooled, then read twice, a contact at a time: checked whole, then stored batch by batch
    java.nio.file.Path spooled = files.spool(body);
    try {
      JsonRows json = new JsonRows(limits.rows());
      long total = json.count(spooled, limits.maxJsonRows());
      return uploads.uploadRows(caller.client(), id, handler -> json.read(spooled, total, handler));
    } catch (CampaignGoneException e) {
      throw notFound();
    } finally {
      Files.deleteIfExists(spooled);
    }
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RateLimited(ApiRatePolicy.UPLOADS)
  @LimitedUploadSize
  @Idempotent
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
      return Response.accepted(
              new UploadAccepted(submitted.job().value(), JobStatus.RUNNING.wireName()))
          .build();
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

  private static NotFoundException notFound() {
    return new NotFoundException("Campaign not found");
  }
}
