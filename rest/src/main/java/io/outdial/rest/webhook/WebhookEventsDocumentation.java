package io.outdial.rest.webhook;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The events Outdial posts to webhook endpoints, as the OpenAPI document's {@code webhooks} (one
 * per event type, version 1): their bodies, headers and the answer expected.
 */
public final class WebhookEventsDocumentation {
  private WebhookEventsDocumentation() {}

  /** Adds the {@code webhooks} of the document and the schemas of their bodies. */
  public static void document(OpenAPI openAPI) {
    Schema contact =
        object(
            "The contact called (fields given only)",
            Map.of(
                "phone", string("E.164"),
                "first_name", string(null),
                "last_name", string(null),
                "email", string(null),
                "company", string(null),
                "title", string(null),
                "variables", freeObject("the contact's other fields, as text"),
                "metadata", freeObject("the contact's metadata object")));
    Map<String, Schema> started =
        Map.of(
            "call_id", string("call_..."),
            "campaign_id", string("camp_..."),
            "attempt", integer("1 for the first call of the contact"),
            "started_at", time(),
            "contact", contact);
    Map<String, Schema> ended = new java.util.LinkedHashMap<>(started);
    ended.putAll(
        Map.of(
            "ended_at", time(),
            "disposition", string("e.g. human_interested, voicemail, no_answer"),
            "duration_s", OASFactory.createSchema().addType(Schema.SchemaType.NUMBER),
            "transcript",
                array(object("a turn", Map.of("role", string(null), "content", string(null)))),
            "intents",
                array(
                    object(
                        "an intent",
                        Map.of(
                            "intent", string(null),
                            "confidence",
                                OASFactory.createSchema().addType(Schema.SchemaType.NUMBER),
                            "timestamp", string(null)))),
            "answered_by", string("human, machine or unknown; null when nobody answered"),
            "end_reason",
                string(
                    "what ended the call: agent_hang_up, remote_hang_up, not_reached,"
                        + " ring_timeout, max_duration, provider_failure, agent_failure,"
                        + " cancelled, server_lost, or ended_by_request (POST"
                        + " /api/v1/calls/{call_id}/end)"),
            "error_reason", string("why it failed, for failed and timed-out calls")));
    ended.put(
        "audio",
        object(
            "what a carrier with audio measured, each null when not",
            Map.of(
                "first_audio_ms", integer("from the answer to the agent's first audio"),
                "machine_detection_ms",
                    integer("from the answer to the answering-machine detection's verdict"),
                "dead_air_ms",
                    integer(
                        "the silence the callee met before the agent's first audio: from the end"
                            + " of their greeting, or from the answer when they said nothing"),
                "voice_to_voice_ms",
                    array(
                        integer(
                            "per turn the agent answered, oldest first: from the end of the"
                                + " callee's speech to the agent's first audio")),
                "endpointing_ms",
                    array(
                        integer(
                            "per turn of the callee, oldest first: from the end of their speech"
                                + " to the end of their turn being decided")))));
    ended.put(
        "metadata",
        freeObject("the call's written-back metadata as it stood at the first delivery, or null"));
    event(openAPI, "call.started", "A call was placed: the number is being dialed.", started);
    event(
        openAPI,
        "call.ended",
        "A call's outcome was recorded (also for calls of a server that died).",
        ended);
    event(
        openAPI,
        "campaign.status_changed",
        "A campaign moved: created (queued), first call (active), paused, resumed, completed,"
            + " deleted (cancelled).",
        Map.of(
            "campaign_id", string("camp_..."),
            "previous_status", string("null when the campaign was just created"),
            "status", string("queued, active, paused, completed or cancelled"),
            "changed_at", time(),
            "reason",
                string(
                    "only when the server itself paused the campaign: abandonment_rate_exceeded"
                        + " (its abandonment rate went above the limit)")));
    event(
        openAPI,
        "job.completed",
        "A contact upload ended.",
        Map.of(
            "job_id", string("job_..."),
            "type", string(null),
            "status", string("completed or failed"),
            "campaign_id", string("camp_..."),
            "result", freeObject("the job's counts and first row errors"),
            "created_at", time(),
            "completed_at", time()));
    event(
        openAPI,
        "call.analyzed",
        "A call's post-call analysis completed (a person answered a campaign's agent).",
        Map.of(
            "call_id", string("call_..."),
            "campaign_id", string("camp_..."),
            "analysis",
                freeObject(
                    "{status: completed, summary, structured_data, success_evaluation {success,"
                        + " reason}, analyzer, analyzed_at}")));
    Map<String, Schema> transfer = new java.util.LinkedHashMap<>();
    transfer.put("call_id", string("call_..."));
    transfer.put("transfer_id", string("xfer_...; null when nobody was available"));
    transfer.put("target_id", string("the human or queue asked for; null for the agent's own"));
    transfer.put("human_id", string("the human picked"));
    transfer.put("mode", string("warm or cold"));
    transfer.put("requested_by", string("api or agent"));
    transfer.put(
        "status",
        string("requested, holding, ringing_agent, whisper, bridged, ended, failed, no_answer"));
    transfer.put(
        "reason",
        string(
            "why it failed: no_agents_available, agent_no_answer, agent_rejected, call_ended,"
                + " not_conversing, carrier_refused, provider_error"));
    transfer.put("requested_at", time());
    transfer.put("bridged_at", time());
    transfer.put("changed_at", time());
    event(
        openAPI,
        "call.transfer_started",
        "A transfer of a live call was accepted and a human picked (marked busy).",
        transfer);
    event(
        openAPI,
        "call.transfer_completed",
        "The callee and the human were bridged (warm), or the referral was accepted (cold).",
        transfer);
    Map<String, Schema> failed = new java.util.LinkedHashMap<>(transfer);
    failed.put(
        "callback",
        object(
            "the callback task recorded when nobody was available",
            Map.of(
                "callback_id", string("cb_..."),
                "phone", string("E.164, the number to call back"),
                "briefing", string(null),
                "created_at", time())));
    event(
        openAPI,
        "call.transfer_failed",
        "A transfer did not reach a human, or nobody was available (a callback task was"
            + " recorded).",
        failed);
    event(
        openAPI,
        "webhook.verification",
        "The ownership challenge of a new or moved endpoint: answer 2xx with {\"challenge\":"
            + " \"<data.challenge>\"}.",
        Map.of("challenge", string("random hex")));
  }

  private static void event(
      OpenAPI openAPI, String type, String description, Map<String, Schema> data) {
    String name = "WebhookEvent_" + type.replace('.', '_');
    openAPI
        .getComponents()
        .addSchema(
            name,
            object(
                description,
                Map.of(
                    "id", string("evt_...; also the webhook-id header"),
                    "type",
                        OASFactory.createSchema()
                            .addType(Schema.SchemaType.STRING)
                            .enumeration(List.of(type)),
                    "version", integer("1"),
                    "timestamp", time(),
                    "data", object(null, data))));
    Operation post =
        OASFactory.createOperation()
            .summary(type)
            .description(
                description
                    + " Signed per Standard Webhooks; answer 2xx within 15 s, anything else is"
                    + " retried.")
            .addParameter(header("webhook-id", "the event's id, the same on every attempt"))
            .addParameter(header("webhook-timestamp", "when this attempt was sent, epoch seconds"))
            .addParameter(
                header(
                    "webhook-signature",
                    "space-separated v1,<base64 HMAC-SHA256 of id.timestamp.body> per secret"))
            .requestBody(
                OASFactory.createRequestBody()
                    .required(true)
                    .content(
                        OASFactory.createContent()
                            .addMediaType(
                                "application/json",
                                OASFactory.createMediaType()
                                    .schema(
                                        OASFactory.createSchema()
                                            .ref("#/components/schemas/" + name)))))
            .responses(
                OASFactory.createAPIResponses()
                    .addAPIResponse("2XX", OASFactory.createAPIResponse().description("Received")));
    openAPI.addWebhook(type, OASFactory.createPathItem().POST(post));
  }

  private static Parameter header(String name, String description) {
    return OASFactory.createParameter()
        .name(name)
        .in(Parameter.In.HEADER)
        .required(true)
        .description(description)
        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
  }

  private static Schema object(String description, Map<String, Schema> properties) {
    Schema s = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
    if (description != null) {
      s.description(description);
    }
    properties.forEach(s::addProperty);
    return s;
  }

  private static Schema freeObject(String description) {
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .additionalPropertiesBoolean(true)
        .description(description);
  }

  private static Schema array(Schema items) {
    return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(items);
  }

  private static Schema string(String description) {
    Schema s = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    return description == null ? s : s.description(description);
  }

  private static Schema integer(String description) {
    Schema s = OASFactory.createSchema().addType(Schema.SchemaType.INTEGER);
    return description == null ? s : s.description(description);
  }

  private static Schema time() {
    return OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time");
  }
}
