package io.outdial.persistence.agent;

/** What deleting an agent did. */
public sealed interface AgentDeletion {
  /** The agent is gone. */
  record Deleted() implements AgentDeletion {}

  /** The client has no such agent. */
  record NotFound() implements AgentDeletion {}

  /**
   * Campaigns (not deleted, whatever their status) use the agent: it stays. Deleting those
   * campaigns first lets it go.
   */
  record InUse(long campaigns) implements AgentDeletion {}
}
