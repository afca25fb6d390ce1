package io.outdial.rest.sms;

import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CampaignId;
import io.outdial.core.ratelimit.ApiRatePolicy;
import io.outdial.core.sms.SmsText;
import io.outdial.persistence.campaign.Page;
import io.outdial.persistence.sms.Enqueued;
import io.outdial.persistence.sms.NewSms;
import io.outdial.persistence.sms.SmsMessages;
import io.outdial.persistence.sms.SmsRecord;
import io.outdial.rest.Paging;
import io.outdial.rest.PathIds;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RateLimited;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.campaign.ContactFields;
import io.outdial.rest.error.ErrorBody;
import io.outdial.rest.idempotency.Idempotent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
 * Text messages of the calling key's client. A message is stored queued in the request's own
 * transaction and sent by the SMS sender of whichever server claims it; another client's message
 * does not exist for this key (404).
 */
@Path("/api/v1/sms")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SMS")
@SecurityRequirement(name = "apiKey")
public class SmsResource {
  static final String ON_DO_NOT_CALL =
      "to is on the client's do-not-call list: no message is sent to it";
  private static final String NOT_FOUND = "SMS not found";

  @Inject SmsMessages messages;
  @Inject ContactFields contactFields;
  @Inject Caller caller;
  @Inject Clock clock;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RateLimited(ApiRatePolicy.SMS)
  @Idempotent
  @Operation(
      summary = "Send a text message",
      description =
          "Stores the message queued and answers at once; the SMS sender hands it to the"
              + " messaging provider (OUTDIAL_MESSAGING: simulator by default, or smpp) within"
              + " moments. A number on the client's do-not-call list is refused now (422) and"
              + " again at send time (status refused). Outside the recipient's calling hours (the"
              + " campaign's own when campaign_id is given, else the server's"
              + " OUTDIAL_DIALER_CALLING_HOURS, in the recipient's local time) the message stays"
              + " queued and is sent when they open: it is held, not refused. Follow GET"
              + " /api/v1/sms/{sms_id}. Rate policy sms, 120 a minute per key.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = SendSmsRequest.class)))
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content = @Content(schema = @Schema(implementation = SmsView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "to, text, from, campaign_id or contact_id missing or malformed; neither from nor"
              + " campaign_id given",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "404",
      description = "campaign_id or contact_id is not the client's",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "422",
      description = "to is on the client's do-not-call list",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "429",
      description = "Over the sms rate policy",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response send(SendSmsRequest request) {
    if (request == null) {
      throw new ValidationException("body", "Request body is required");
    }
    PhoneNumber to = contactFields.phones().require("to", request.to());
    String text = SmsText.check("text", request.text());
    Optional<PhoneNumber> from =
        request.from() == null || request.from().isBlank()
            ? Optional.empty()
            : Optional.of(contactFields.phones().require("from", request.from()));
    Optional<CampaignId> campaign = Optional.empty();
    if (request.campaignId() != null) {
      try {
        campaign = Optional.of(CampaignId.parse(request.campaignId()));
      } catch (RuntimeException e) {
        throw new NotFoundException("Campaign not found");
      }
    }
    if (from.isEmpty() && campaign.isEmpty()) {
      throw new ValidationException(
          "from", "from is required when no campaign_id gives its caller ID");
    }
    if (request.contactId() != null && request.contactId() <= 0) {
      throw new ValidationException("contact_id", "contact_id must be a positive number");
    }
    Enqueued result =
        messages.enqueue(
            new NewSms(
                caller.client(),
                to,
                text,
                from,
                campaign,
                Optional.ofNullable(request.contactId())),
            clock.instant());
    return switch (result) {
      case Enqueued.Queued queued ->
          Response.accepted(SmsView.from(queued.message()))
              .location(URI.create("/api/v1/sms/" + queued.message().id()))
              .build();
      case Enqueued.OnDoNotCall dnc -> ErrorBody.response(UNPROCESSABLE, ON_DO_NOT_CALL);
      case Enqueued.CampaignNotFound missing -> throw new NotFoundException("Campaign not found");
      case Enqueued.ContactNotFound missing -> throw new NotFoundException("Contact not found");
      case Enqueued.NoSender none ->
          throw new ValidationException(
              "from", "from is required when no campaign_id gives its caller ID");
    };
  }

  @GET
  @Operation(
      summary = "List the client's text messages",
      description =
          "Newest first, those of one campaign with campaign_id (its follow-ups among them)."
              + " limit 1-100 (default 20).")
  @APIResponse(
      responseCode = "200",
      description = "A page of messages",
      content = @Content(schema = @Schema(implementation = SmsList.class)))
  @APIResponse(
      responseCode = "400",
      description = "limit not 1-100, or offset negative",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public SmsList list(
      @QueryParam("campaign_id") String campaignId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    int pageSize = Paging.intParam("limit", limit, 20, 1, 100);
    int skip = Paging.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    Page<SmsRecord> page =
        messages.list(
            caller.client(),
            Optional.ofNullable(campaignId).map(String::strip).filter(c -> !c.isEmpty()),
            pageSize,
            skip);
    return new SmsList(
        page.items().stream().map(SmsView::from).toList(), page.total(), pageSize, skip);
  }

  @GET
  @Path("/{sms_id}")
  @Operation(summary = "A text message and its status")
  @APIResponse(
      responseCode = "200",
      description = "The message",
      content = @Content(schema = @Schema(implementation = SmsView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such message for this key's client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public SmsView get(@PathParam("sms_id") String smsId) {
    String id = PathIds.parse(smsId, SmsResource::smsId, NOT_FOUND);
    return SmsView.from(
        messages.find(caller.client(), id).orElseThrow(() -> new NotFoundException(NOT_FOUND)));
  }

  private static String smsId(String raw) {
    if (raw == null || !raw.matches("sms_[0-9a-f]{32}")) {
      throw new ValidationException("sms_id", "not an SMS id");
    }
    return raw;
  }

  private static final Response.StatusType UNPROCESSABLE =
      new Response.StatusType() {
        @Override
        public int getStatusCode() {
          return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
          return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
          return "Unprocessable Content";
        }
      };
}
