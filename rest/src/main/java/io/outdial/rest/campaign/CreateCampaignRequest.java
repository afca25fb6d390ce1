package io.outdial.rest.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/campaigns}. */
@Schema(name = "CreateCampaignRequest")
public record CreateCampaignRequest(
    @JsonProperty("client_id") @Schema(required = true, examples = "acme-staffing") String clientId,
    @Schema(required = true, examples = "Q1 Healthcare Outreach") String name,
    @Schema(
            description = "Orpheus voice: tara, leah, jess, mia, zoe, leo, dan, zac",
            defaultValue = "tara")
        String voice,
    @JsonProperty("system_prompt")
        @Schema(
            required = true,
            description = "AI agent personality and instructions (not with agent_id)")
        String systemPrompt,
    @JsonProperty("caller_id")
        @Schema(required = true, description = "Caller ID in E.164", examples = "+15551234567")
        String callerId,
    @JsonProperty("max_concurrent") @Schema(defaultValue = "100", minimum = "1")
        Integer maxConcurrent,
    @Schema(
            defaultValue = "5",
            minimum = "1",
            maximum = "10",
            description = "10 is the most urgent")
        Integer priority,
    @Schema(
            required = true,
            description =
                "Contacts: each needs phone; first_name, last_name, email, company, title are"
                    + " known fields; metadata is a JSON object of your own (at most 16 KB),"
                    + " shown in audit records and given to the agent as metadata.<key>; any"
                    + " other field is kept as a variable")
        List<Map<String, Object>> contacts,
    @JsonProperty("greeting_text") String greetingText,
    @JsonProperty("voicemail_text") String voicemailText,
    @JsonProperty("scheduled_start")
        @Schema(
            description =
                "When dialing starts, ISO 8601 with a zone (e.g. 2025-02-28T14:00:00Z), at most"
                    + " 365 days ahead. Until then the campaign is scheduled; a time not after now"
                    + " starts it at once. Leave out to start at once.",
            examples = "2025-02-28T14:00:00Z")
        String scheduledStart,
    @JsonProperty("retry_policy") RetryPolicyRequest retryPolicy,
    @JsonProperty("calling_rules") CallingRulesRequest callingRules,
    @JsonProperty("sms_follow_up") SmsFollowUpRequest smsFollowUp,
    @JsonProperty("agent_id")
        @Schema(
            description =
                "An agent of this client (see /api/v1/agents) to call with, instead of"
                    + " system_prompt, voice, greeting_text and voicemail_text, which must then be"
                    + " left out. Calls use the agent's configuration as it is when each call is"
                    + " placed.",
            examples = "agent_a1b2c3d4")
        String agentId) {}
