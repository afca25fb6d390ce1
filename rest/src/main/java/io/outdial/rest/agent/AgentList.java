package io.outdial.rest.agent;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of agents, oldest first. */
@Schema(name = "AgentList")
public record AgentList(List<AgentView> agents, long total, int limit, int offset) {}
