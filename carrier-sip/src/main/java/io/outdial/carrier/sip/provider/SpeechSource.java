package io.outdial.carrier.sip.provider;

import io.outdial.core.campaign.Voice;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where the carrier gets the agent's audio: text in, 8 kHz mono PCM out, ready for {@link
 * io.outdial.media.rtp.MediaSession#play}. Implementations never block the caller; the work runs on
 * HTTP client threads, a child process or the provider's executor.
 */
interface SpeechSource {
  /**
   * The audio of {@code text}; fails (the stage completes exceptionally) with an exception whose
   * message says what went wrong without secrets.
   */
  CompletionStage<short[]> speak(String text, Voice voice);

  /**
   * Streams the audio of {@code text}: 8 kHz samples go to {@code pcm} in order as soon as they are
   * ready, so that playback can start with the first piece. The future completes after the last
   * piece and fails like {@link #speak}; cancelling it stops the synthesis (the server's stream is
   * closed). The default speaks everything and hands it on as one piece.
   */
  default CompletableFuture<Void> stream(String text, Voice voice, Consumer<short[]> pcm) {
    return speak(text, voice).thenAccept(pcm).toCompletableFuture();
  }
}
