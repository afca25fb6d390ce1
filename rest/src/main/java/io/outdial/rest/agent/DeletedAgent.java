package io.outdial.rest.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code DELETE /api/v1/agents/{agent_id}}. */
@Schema(name = "DeletedAgent")
public record DeletedAgent(boolean deleted, @JsonProperty("agent_id") String agentId) {}
