package io.outdial.dialer.agent;

import io.outdial.core.campaign.Voice;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Text to speech, for carriers that carry audio. The simulator speaks text as text and needs none.
 */
public interface SpeechSynthesizer {
  /**
   * The audio of {@code text} spoken with {@code voice}, in the format the synthesizer was
   * configured for; fails with {@link AgentException} when the server cannot produce it.
   */
  CompletionStage<byte[]> synthesize(String text, Voice voice);

  /**
   * Streams the audio of {@code text}: the bytes of the answer go to {@code chunks} in order as
   * they arrive (the first holds the start of the format's header), so that playback can start at
   * the first one. The future completes once the last chunk was handed on, and fails like {@link
   * #synthesize}; cancelling it ({@link CompletableFuture#cancel}) closes the server's stream at
   * once. The default synthesizes everything and hands it on as one chunk. {@code chunks} runs on
   * the synthesizer's threads, one call at a time, and must return quickly.
   */
  default CompletableFuture<Void> stream(String text, Voice voice, Consumer<byte[]> chunks) {
    return synthesize(text, voice).thenAccept(chunks).toCompletableFuture();
  }
}
