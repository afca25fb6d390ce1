package io.outdial.rest.dnc;

import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.ClientId;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.dnc.Addition;
import io.outdial.persistence.dnc.DoNotCallEntry;
import io.outdial.persistence.dnc.DoNotCallList;
import io.outdial.persistence.dnc.DoNotCallSource;
import io.outdial.persistence.dnc.NewDoNotCall;
import io.outdial.rest.Paging;
import io.outdial.rest.PathIds;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.campaign.ContactFields;
import io.outdial.rest.contact.DoNotCallUploads;
import io.outdial.rest.contact.LimitedUploadSize;
import io.outdial.rest.error.ErrorBody;
import io.outdial.rest.idempotency.Idempotent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The do-not-call list of the calling key's own client. A client id in the path that is not the
 * key's is answered 404 "Client not found", as {@code /usage} answers it: another client's list
 * does not exist for this key. Numbers are normalised as contacts' are; the dialer checks the list
 * right before each dial, so a change counts from the next dial on.
 */
@Path("/api/v1/clients/{client_id}/dnc")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Do-not-call list")
@SecurityRequirement(name = "apiKey")
public class DoNotCallResource {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;
  private static final String PHONE_NUMBER = "phone_number";
  private static final String NOT_LISTED = "Phone number is not on the do-not-call list";

  @Inject DoNotCallList list;
  @Inject DoNotCallUploads uploads;
  @Inject ContactFields contactFields;
  @Inject Caller caller;
  @Inject Clock clock;

  @GET
  @Operation(
      summary = "List the client's do-not-call numbers",
      description = "Newest first (then by number), with the length of the whole list.")
  @APIResponse(
      responseCode = "200",
      description = "A page of the list",
      content = @Content(schema = @Schema(implementation = DncList.class)))
  @APIResponse(
      responseCode = "400",
      description = "limit not 1-200, or offset negative",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "Not this key's client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public DncList list(
      @PathParam("client_id") String clientId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    ClientId client = ownClient(clientId);
    int pageSize = Paging.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    int skip = Paging.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    Page<DoNotCallEntry> page = list.list(client, pageSize, skip);
    return new DncList(
        page.items().stream().map(DncEntryView::from).toList(), page.total(), pageSize, skip);
  }

  @GET
  @Path("/{phone_number}")
  @Operation(
      summary = "Check whether a number is on the list",
      description =
          "The number in the path is normalised as in the list (E.164 preferred; %2B or a"
              + " literal + for the plus sign).")
  @APIResponse(
      responseCode = "200",
      description = "Listed: its entry",
      content = @Content(schema = @Schema(implementation = DncEntryView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Not a phone number",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "Not listed, or not this key's client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public DncEntryView check(
      @PathParam("client_id") String clientId, @PathParam("phone_number") String phoneNumber) {
    ClientId client = ownClient(clientId);
    return DncEntryView.from(
        list.find(client, phone(phoneNumber)).orElseThrow(() -> new NotFoundException(NOT_LISTED)));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Idempotent
  @Operation(
      summary = "Add a number to the list",
      description =
          "Contacts with this number are not dialed from the next dial on, in every campaign of"
              + " the client. A number listed already keeps its entry (source, time, reason) and"
              + " is answered 200.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = AddDncRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = DncEntryView.class)))
  @APIResponse(
      responseCode = "200",
      description = "Listed already: the existing entry",
      content = @Content(schema = @Schema(implementation = DncEntryView.class)))
  @APIResponse(
      responseCode = "400",
      description = "phone_number missing or not a phone number; reason too long",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "Not this key's client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response add(@PathParam("client_id") String clientId, AddDncRequest request) {
    ClientId client = ownClient(clientId);
    if (request == null) {
      throw new ValidationException("body", "Request body is required");
    }
    NewDoNotCall entry = new NewDoNotCall(phone(request.phoneNumber()), reason(request.reason()));
    Addition addition = list.add(client, entry, DoNotCallSource.API, clock.instant());
    DncEntryView view = DncEntryView.from(addition.entry());
    return switch (addition) {
      case Addition.Added added ->
          Response.created(
                  URI.create("/api/v1/clients/" + client.value() + "/dnc/" + view.phoneNumber()))
              .entity(view)
              .build();
      case Addition.AlreadyListed listed -> Response.ok(view).build();
    };
  }

  @POST
  @Path("/upload")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RateLimited(ApiRatePolicy.UPLOADS)
  @LimitedUploadSize
  @Idempotent
  @Operation(
      summary = "Upload numbers to the list as a CSV or Excel (.xlsx) file",
      description =
          "Multipart form data, field 'file'. The first row names the columns: phone_number"
              + " (phone is accepted too, as in contact files; names in any case) and optionally"
              + " reason; other columns are ignored. The upload is a job: answered 202 with its"
              + " id, followed at GET /api/v1/jobs/{job_id}, whose result counts the numbers"
              + " added, those listed already (or repeated in the file) and the invalid rows, the"
              + " first 100 with their row numbers (1 = the first row after the header). The"
              + " same limits as contact files apply (OUTDIAL_UPLOAD_MAX_BYTES,"
              + " OUTDIAL_UPLOAD_MAX_RECORD_CHARS, OUTDIAL_UPLOAD_MAX_COLUMNS); numbers are"
              + " stored 1 000 at a time, so that a job that fails midway keeps what it stored.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted: follow the job",
      content = @Content(schema = @Schema(implementation = DncUploadAccepted.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "No file field; the file is malformed or over a limit, or has no phone_number column",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "Not this key's client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "413",
      description = "The file is larger than the configured limit",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "415",
      description = "Neither CSV nor an .xlsx workbook",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response upload(
      @PathParam("client_id") String clientId, @FormParam("file") EntityPart file)
      throws IOException, InterruptedException {
    ClientId client = ownClient(clientId);
    if (file == null) {
      throw new ValidationException(
          "file", "Send the numbers as multipart form data in a field named 'file'");
    }
    DoNotCallUploads.Accepted accepted =
        uploads.upload(client, file.getContent(), file.getFileName().orElse(null));
    return Response.accepted(new DncUploadAccepted(accepted.job().value(), accepted.status()))
        .location(URI.create("/api/v1/jobs/" + accepted.job().value()))
        .build();
  }

  @DELETE
  @Path("/{phone_number}")
  @Operation(
      summary = "Remove a number from the list",
      description = "Its contacts can be dialed again from the next dial on.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "400",
      description = "Not a phone number",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "Not listed, or not this key's client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response remove(
      @PathParam("client_id") String clientId, @PathParam("phone_number") String phoneNumber) {
    ClientId client = ownClient(clientId);
    if (!list.remove(client, phone(phoneNumber))) {
      throw new NotFoundException(NOT_LISTED);
    }
    return Response.noContent().build();
  }

  /** The client in the path, when it is the key's: the same rule and answer as {@code /usage}. */
  private ClientId ownClient(String clientId) {
    ClientId client = PathIds.parse(clientId, ClientId::of, "Client not found");
    if (!client.equals(caller.client())) {
      throw new NotFoundException("Client not found");
    }
    return client;
  }

  private PhoneNumber phone(String raw) {
    return contactFields.phones().require(PHONE_NUMBER, raw);
  }

  private static Optional<String> reason(String reason) {
    if (reason == null || reason.isBlank()) {
      return Optional.empty();
    }
    String text = reason.strip();
    if (text.length() > NewDoNotCall.MAX_REASON_LENGTH) {
      throw new ValidationException(
          "reason", "reason must be at most " + NewDoNotCall.MAX_REASON_LENGTH + " characters");
    }
    return Optional.of(text);
  }
}
