package io.outdial.persistence.agent;

import io.outdial.core.agent.AgentConfig;
import io.outdial.core.id.AgentId;
import io.outdial.core.id.ClientId;
import io.outdial.persistence.campaign.Page;
import java.time.Instant;
import java.util.Optional;

/**
 * Agents of every client. Every look-up is scoped by client: another client's agent is simply not
 * found. Every method is a transaction of its own, or joins the caller's.
 */
public interface AgentStore {
  /** Stores a new agent (revision 1). */
  AgentRecord create(ClientId client, AgentId id, AgentConfig config, Instant now);

  /** The client's agent. */
  Optional<AgentRecord> find(ClientId client, AgentId id);

  /** A page of the client's agents, oldest first, with their number. */
  Page<AgentRecord> list(ClientId client, int limit, long offset);

  /**
   * Replaces the agent's configuration and adds one to its revision; calls placed afterwards (by
   * any campaign using it) use the new configuration.
   *
   * @return the updated agent, empty when the client has no such agent
   */
  Optional<AgentRecord> update(ClientId client, AgentId id, AgentConfig config, Instant now);

  /** Deletes the agent unless a campaign that is not deleted uses it. */
  AgentDeletion delete(ClientId client, AgentId id);
}
