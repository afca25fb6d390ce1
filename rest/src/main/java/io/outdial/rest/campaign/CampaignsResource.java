package io.outdial.rest.campaign;

import io.outdial.core.ValidationException;
import io.outdial.core.apikey.ApiScope;
import io.outdial.core.calling.CallingRules;
import io.outdial.core.campaign.CampaignAction;
import io.outdial.core.campaign.CampaignLifecycle;
import io.outdial.core.campaign.CampaignStatus;
import io.outdial.core.campaign.MaxConcurrent;
import io.outdial.core.campaign.Priority;
import io.outdial.core.campaign.Transition;
import io.outdial.core.campaign.Voice;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.CampaignId;
import io.outdial.core.id.ClientId;
import io.outdial.core.retry.CampaignRetry;
import io.outdial.core.retry.RetryPolicy;
import io.outdial.core.sms.SmsFollowUp;
import io.outdial.dialer.dispatch.DialerSettings;
import io.outdial.dialer.dispatch.Telephony;
import io.outdial.persistence.agent.AgentRecord;
import io.outdial.persistence.agent.AgentStore;
import io.outdial.persistence.campaign.AgentGoneException;
import io.outdial.persistence.campaign.CampaignRecord;
import io.outdial.persistence.campaign.CampaignStore;
import io.outdial.persistence.campaign.NewCampaign;
import io.outdial.persistence.campaign.NewContact;
import io.outdial.persistence.campaign.Page;
import io.outdial.rest.Paging;
import io.outdial.rest.PathIds;
import io.outdial.rest.Times;
import io.outdial.rest.auth.Caller;
import io.outdial.rest.auth.RequiresScope;
import io.outdial.rest.error.ErrorBody;
import io.outdial.rest.idempotency.Idempotent;
import io.outdial.rest.json.JsonProvider;
import io.outdial.rest.limits.RequestLimits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Campaigns of the calling key's client. */
@Path("/api/v1/campaigns")
@RequestScoped
@RequiresScope(ApiScope.CAMPAIGNS)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
@SecurityRequirement(name = "apiKey")
public class CampaignsResource {
  private static final int MAX_TEXT = 20_000;
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;
  private static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(365);

  @Inject CampaignStore campaigns;
  @Inject ContactFields contactFields;
  @Inject Caller caller;
  @Inject Clock clock;
  @Inject Telephony telephony;
  @Inject RequestLimits limits;
  @Inject AgentStore agents;
  @Inject DialerSettings dialer;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Idempotent
  @Operation(
      summary = "Create a campaign",
      description =
          "Contacts are enqueued for dialing by priority and concurrency. Contacts whose phone is"
              + " invalid or repeated are skipped and counted.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = CreateCampaignRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = CreatedCampaign.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or invalid; the detail names it",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "413",
      description = "The body is larger than the request limit (10 MB by default)",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public Response create(CreateCampaignRequest request) {
    if (request == null) {
      throw new ValidationException("body", "Request body is required");
    }
    ClientId client = ClientId.of(request.clientId());
    if (!client.equals(caller.client())) {
      throw new ForbiddenException("client_id does not match the client of this API key");
    }
    String name = required("name", request.name(), 200);
    Optional<AgentRecord> agent = agent(request);
    String prompt =
        agent.isPresent()
            ? agent.get().config().systemPrompt()
            : required("system_prompt", request.systemPrompt(), MAX_TEXT);
    String callerIdText = required("caller_id", request.callerId(), 40);
    if (!callerIdText.startsWith("+")) {
      throw new ValidationException(
          "caller_id", "caller_id must be in E.164 format, e.g. +15551234567");
    }
    var callerId = contactFields.phones().require("caller_id", callerIdText);
    Voice voice =
        agent.map(a -> a.config().voice()).orElseGet(() -> Voice.orDefault(request.voice()));
    MaxConcurrent maxConcurrent = MaxConcurrent.orDefault(request.maxConcurrent());
    Priority priority = Priority.orDefault(request.priority());
    Optional<String> greeting =
        agent.isPresent()
            ? agent.get().config().greetingText()
            : optional("greeting_text", request.greetingText());
    Optional<String> voicemail =
        agent.isPresent()
            ? agent.get().config().voicemailText()
            : optional("voicemail_text", request.voicemailText());
    Instant now = clock.instant();
    Optional<Instant> scheduledStart = scheduledStart(request.scheduledStart(), now);
    CampaignRetry retry = RetryPolicyRequest.toDomain(request.retryPolicy());
    CallingRules calling = CallingRulesRequest.toDomain(request.callingRules());
    Optional<SmsFollowUp> smsFollowUp = SmsFollowUpRequest.toDomain(request.smsFollowUp());
    if (request.contacts() == null) {
      throw new ValidationException(
          "contacts", "contacts is required (an array of contact objects, each with a phone)");
    }
    if (request.contacts().size() > limits.maxInlineContacts()) {
      throw new ValidationException(
          "contacts",
          "At most "
              + limits.maxInlineContacts()
              + " contacts when creating a campaign; upload more to"
              + " /api/v1/campaigns/{campaign_id}/contacts or /contacts/json");
    }
    List<NewContact> accepted = new ArrayList<>();
    long invalid = 0;
    for (int i = 0; i < request.contacts().size(); i++) {
      String where = "contacts[" + i + "]";
      Map<String, Object> contact = request.contacts().get(i);
      if (contact == null) {
        throw new ValidationException(where, where + " must be an object with a phone");
      }
      switch (contactFields.parse(texts(contact, where), where)) {
        case ContactFields.Parsed.Accepted ok -> accepted.add(ok.contact());
        case ContactFields.Parsed.Refused refused -> invalid++;
      }
    }
    CampaignId id = CampaignId.random();
    CampaignStore.Enqueued enqueued;
    try {
      enqueued =
          campaigns.create(
              new NewCampaign(
                  id,
                  client,
                  name,
                  voice,
                  prompt,
                  callerId,
                  maxConcurrent,
                  priority,
                  greeting,
                  voicemail,
                  now,
                  scheduledStart,
                  retry,
                  agent.map(AgentRecord::id),
                  calling,
                  smsFollowUp),
              accepted);
    } catch (AgentGoneException e) {
      throw agentNotFound(); // deleted since it was read above: nothing was stored
    }
    return Response.status(Response.Status.CREATED)
        .entity(
            new CreatedCampaign(
                id.value(),
                CampaignLifecycle.initial(scheduledStart, now).wireName(),
                enqueued.inserted(),
                Times.seconds(now),
                enqueued.duplicates(),
                invalid,
                scheduledStart.map(Times::seconds).orElse(null)))
        .build();
  }

  /**
   * The client's agent named by {@code agent_id}, if given; the campaign's own texts and voice must
   * then be left out.
   */
  private Optional<AgentRecord> agent(CreateCampaignRequest request) {
    if (request.agentId() == null) {
      return Optional.empty();
    }
    Map<String, Object> inline = new LinkedHashMap<>();
    inline.put("system_prompt", request.systemPrompt());
    inline.put("voice", request.voice());
    inline.put("greeting_text", request.greetingText());
    inline.put("voicemail_text", request.voicemailText());
    inline.forEach(
        (field, value) -> {
          if (value != null) {
            throw new ValidationException(
                field,
                field
                    + " must be left out when agent_id is given: the campaign calls with the"
                    + " agent's");
          }
        });
    AgentId id = AgentId.parse(request.agentId().strip());
    return Optional.of(agents.find(caller.client(), id).orElseThrow(this::agentNotFound));
  }

  private NotFoundException agentNotFound() {
    return new NotFoundException("agent_id: no such agent for this client");
  }

  /** Views of campaigns, those with an agent showing the agent's current texts. */
  private List<CampaignView> views(List<CampaignRecord> records, RetryPolicy server) {
    Map<AgentId, Optional<AgentRecord>> found = new HashMap<>();
    return records.stream()
        .map(
            c -> {
              CampaignView view = CampaignView.from(c, server, dialer.callingHours());
              return c.agentId()
                  .flatMap(id -> found.computeIfAbsent(id, a -> agents.find(caller.client(), a)))
                  .map(view::withAgent)
                  .orElse(view);
            })
        .toList();
  }

  @GET
  @Operation(
      summary = "List campaigns",
      description =
          "Oldest first; filter by status (queued, scheduled, active, paused, completed,"
              + " cancelled, failed). Page either with limit (1-100, default 20) and offset"
              + " (default 0), or with page (1 first, default 1) and pageSize (1-100, default"
              + " 20), which mean limit = pageSize and offset = (page - 1) × pageSize. Giving"
              + " parameters of both styles at once is refused with 400.")
  @APIResponse(
      responseCode = "200",
      description = "A page of campaigns",
      content = @Content(schema = @Schema(implementation = CampaignList.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "status, limit, offset, page or pageSize out of range, or both paging styles at once",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public CampaignList list(
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("page") String page,
      @QueryParam("pageSize") String pageSize) {
    Optional<CampaignStatus> filter =
        Optional.ofNullable(status).filter(s -> !s.isBlank()).map(CampaignStatus::fromWire);
    boolean offsets = given(limit) || given(offset);
    boolean pages = given(page) || given(pageSize);
    if (offsets && pages) {
      throw new ValidationException(
          given(page) ? "page" : "pageSize", "Use either limit/offset or page/pageSize, not both");
    }
    int take;
    int skip;
    Integer pageNumber = null;
    if (pages) {
      take = Paging.intParam("pageSize", pageSize, DEFAULT_LIMIT, 1, MAX_LIMIT);
      pageNumber = Paging.intParam("page", page, 1, 1, Integer.MAX_VALUE / take + 1);
      skip = (pageNumber - 1) * take;
    } else {
      take = Paging.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
      skip = Paging.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
    }
    Page<CampaignRecord> found = campaigns.list(caller.client(), filter, take, skip);
    RetryPolicy server = dialer.retry();
    return new CampaignList(
        views(found.items(), server), found.total(), take, skip, pageNumber, pages ? take : null);
  }

  private static boolean given(String parameter) {
    return parameter != null && !parameter.isBlank();
  }

  /**
   * The start time asked for, in UTC; absent when none. A time not after {@code now} is kept (it is
   * shown) and starts the campaign at once.
   */
  private static Optional<Instant> scheduledStart(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          "scheduled_start",
          "scheduled_start must be an ISO 8601 date and time with a zone,"
              + " e.g. 2025-02-28T14:00:00Z");
    }
    if (at.isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
      throw new ValidationException(
          "scheduled_start",
          "scheduled_start must be at most " + MAX_SCHEDULE_AHEAD.toDays() + " days ahead");
    }
    return Optional.of(at);
  }

  @GET
  @Path("/{campaign_id}")
  @Operation(summary = "A campaign's settings, status and counts")
  @APIResponse(
      responseCode = "200",
      description = "The campaign",
      content = @Content(schema = @Schema(implementation = CampaignView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such campaign for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public CampaignView get(@PathParam("campaign_id") String campaignId) {
    return views(List.of(found(campaignId)), dialer.retry()).get(0);
  }

  @GET
  @Path("/{campaign_id}/stats")
  @Operation(summary = "Real-time campaign statistics")
  @APIResponse(
      responseCode = "200",
      description = "Stats",
      content = @Content(schema = @Schema(implementation = CampaignStatsView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such campaign for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public CampaignStatsView stats(@PathParam("campaign_id") String campaignId) {
    return CampaignStatsView.from(found(campaignId), clock.instant());
  }

  @POST
  @Path("/{campaign_id}/pause")
  @Operation(
      summary = "Pause a campaign",
      description =
          "No new calls; calls in progress finish. A scheduled campaign can be paused before its"
              + " time: it then does not start until resumed.")
  @APIResponse(
      responseCode = "200",
      description = "Paused",
      content = @Content(schema = @Schema(implementation = CampaignStatusChange.class)))
  @APIResponse(
      responseCode = "409",
      description = "The campaign cannot be paused in its state",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public CampaignStatusChange pause(@PathParam("campaign_id") String campaignId) {
    return change(campaignId, CampaignAction.PAUSE);
  }

  @POST
  @Path("/{campaign_id}/resume")
  @Operation(
      summary = "Resume a paused campaign",
      description =
          "Dialing restarts where it stopped. A campaign paused before its scheduled start"
              + " becomes scheduled again and starts at its time; once that time has passed it"
              + " becomes active at once. Resuming a scheduled campaign changes nothing.")
  @APIResponse(
      responseCode = "200",
      description = "Active again (or scheduled, see above)",
      content = @Content(schema = @Schema(implementation = CampaignStatusChange.class)))
  @APIResponse(
      responseCode = "409",
      description = "The campaign cannot be resumed in its state",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  @APIResponse(
      responseCode = "502",
      description =
          "The telephony provider is unavailable (its circuit breaker is open); the campaign stays"
              + " paused",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public CampaignStatusChange resume(@PathParam("campaign_id") String campaignId) {
    telephony
        .unavailableSince()
        .ifPresent(
            since -> {
              throw new WebApplicationException(
                  ErrorBody.response(
                      Response.Status.BAD_GATEWAY,
                      "The telephony provider is unavailable; try again in "
                          + Telephony.BREAKER_DELAY.toSeconds()
                          + " seconds"));
            });
    return change(campaignId, CampaignAction.RESUME);
  }

  @DELETE
  @Path("/{campaign_id}")
  @Operation(
      summary = "Delete a campaign",
      description = "Pending calls are cancelled; afterwards the campaign is not found.")
  @APIResponse(
      responseCode = "200",
      description = "Deleted",
      content = @Content(schema = @Schema(implementation = DeletedCampaign.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such campaign for this client",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  public DeletedCampaign delete(@PathParam("campaign_id") String campaignId) {
    CampaignId id = parseId(campaignId);
    if (!campaigns.delete(caller.client(), id, clock.instant())) {
      throw notFound();
    }
    return new DeletedCampaign(true, id.value());
  }

  private CampaignStatusChange change(String campaignId, CampaignAction action) {
    CampaignId id = parseId(campaignId);
    Transition transition =
        campaigns
            .apply(caller.client(), id, action, clock.instant())
            .orElseThrow(this::notFound)
            .orRefuse();
    return new CampaignStatusChange(id.value(), transition.to().wireName());
  }

  private CampaignRecord found(String campaignId) {
    return campaigns.find(caller.client(), parseId(campaignId)).orElseThrow(this::notFound);
  }

  private static CampaignId parseId(String campaignId) {
    return PathIds.parse(campaignId, CampaignId::parse, "Campaign not found");
  }

  private NotFoundException notFound() {
    return new NotFoundException("Campaign not found");
  }

  private static String required(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    String text = value.strip();
    if (text.length() > max) {
      throw new ValidationException(field, field + " must be at most " + max + " characters");
    }
    return text;
  }

  private static Optional<String> optional(String field, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(required(field, value, MAX_TEXT));
  }

  private static String json(Object value) {
    try {
      return JsonProvider.MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a value read from JSON is written as JSON", e);
    }
  }

  private static Map<String, String> texts(Map<String, Object> contact, String where) {
    Map<String, String> texts = new LinkedHashMap<>();
    contact.forEach(
        (name, value) -> {
          if (value == null) {
            return;
          }
          if (ContactFields.METADATA.equalsIgnoreCase(name.strip())) {
            texts.put(name, json(value)); // checked as a JSON object by ContactFields
            return;
          }
          if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new ValidationException(
                where + "." + name, where + "." + name + " must be text, a number or a boolean");
          }
          texts.put(name, value.toString());
        });
    return texts;
  }
}
