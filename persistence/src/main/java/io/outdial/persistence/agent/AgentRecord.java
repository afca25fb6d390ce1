package io.outdial.persistence.agent;

import io.outdial.core.agent.AgentConfig;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.ClientId;
import java.time.Instant;

/**
 * A stored agent.
 *
 * @param revision 1 at creation, one more at every update
 */
public record AgentRecord(
    AgentId id,
    ClientId clientId,
    AgentConfig config,
    long revision,
    Instant createdAt,
    Instant updatedAt) {}
