package io.outdial.dialer.agent;

import java.util.concurrent.CompletionStage;

/**
 * Decides what Outdial says on a call. Thread-safe and stateless across calls: everything it needs
 * comes in the {@link Conversation}, so one instance serves every call in flight.
 */
public interface VoiceAgent {
  /** A short name for logs, e.g. {@code scripted}. */
  String name();

  /**
   * The next turn. Asked first with an empty transcript as soon as a person answers (the opening
   * line), then after each thing the callee says. Never blocks: a remote model answers through the
   * returned stage, which fails with {@link AgentException} when the model cannot answer.
   */
  CompletionStage<AgentReply> reply(Conversation conversation);
}
