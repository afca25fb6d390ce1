package io.outdial.carrier.sip.provider;

import io.outdial.core.campaign.Voice;
import java.util.concurrent.CompletionStage;

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
}
