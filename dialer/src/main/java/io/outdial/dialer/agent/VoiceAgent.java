package io.outdial.dialer.agent;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

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

  /**
   * The opening line every call of {@code script} starts with word for word, whoever the callee is,
   * when the agent knows it before any call (a campaign's greeting); empty when the opening depends
   * on the callee or the model. The dialer has the carrier prepare its audio before the first call.
   */
  default Optional<String> opening(CampaignScript script) {
    return Optional.empty();
  }

  /**
   * Like {@link #reply(Conversation)}, and hands each complete sentence of the reply's {@code say}
   * to {@code sentences} as soon as it is known, in order, before the stage completes, so that text
   * to speech can start on the first sentence while the model still writes the rest. An agent that
   * streams at all delivers every sentence it wants spoken this way (the remainder too, just before
   * completing), and the caller speaks those instead of {@code say}; an agent that does not stream
   * (the default) delivers none. Cancelling the returned stage ({@link
   * java.util.concurrent.CompletableFuture#cancel}) stops the model's stream at once (barge-in).
   * {@code sentences} runs on the agent's threads and must return quickly.
   */
  default CompletionStage<AgentReply> reply(Conversation conversation, Consumer<String> sentences) {
    return reply(conversation);
  }
}
