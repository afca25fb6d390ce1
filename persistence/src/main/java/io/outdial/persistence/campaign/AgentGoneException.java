package io.outdial.persistence.campaign;

/**
 * The agent a campaign was being created with is not the client's any more: deleted after the
 * caller read it, before the campaign was stored. Unchecked, so that the transaction rolls back and
 * nothing is stored.
 */
public final class AgentGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AgentGoneException() {
    super("Agent not found", null, false, false);
  }
}
