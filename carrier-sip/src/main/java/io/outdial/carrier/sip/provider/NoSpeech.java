package io.outdial.carrier.sip.provider;

import io.outdial.core.campaign.Voice;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Neither a text-to-speech server nor espeak-ng: every attempt to speak fails with the fix. */
final class NoSpeech implements SpeechSource {
  static final String MESSAGE =
      "no text-to-speech configured: set "
          + CarrierSettings.PREFIX
          + "tts-url or install espeak-ng";

  @Override
  public CompletionStage<short[]> speak(String text, Voice voice) {
    return CompletableFuture.failedFuture(new IllegalStateException(MESSAGE));
  }
}
