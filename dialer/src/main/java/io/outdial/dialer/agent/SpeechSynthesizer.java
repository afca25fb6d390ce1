package io.outdial.dialer.agent;

import io.outdial.core.campaign.Voice;
import java.util.concurrent.CompletionStage;

/**
 * Text to speech, for carriers that carry audio. The simulator speaks text as text and needs none.
 */
public interface SpeechSynthesizer {
  /**
   * The audio of {@code text} spoken with {@code voice}, in the format the synthesizer was
   * configured for; fails with {@link AgentException} when the server cannot produce it.
   */
  CompletionStage<byte[]> synthesize(String text, Voice voice);
}
