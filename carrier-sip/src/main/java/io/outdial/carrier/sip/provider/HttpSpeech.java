package io.outdial.carrier.sip.provider;

import io.outdial.core.campaign.Voice;
import io.outdial.dialer.agent.SpeechSynthesizer;
import io.outdial.media.audio.Resampler;
import io.outdial.media.audio.Wav;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Speech from a text-to-speech server ({@code POST /v1/audio/speech}, e.g. Orpheus at 24 kHz): the
 * WAV it sends is read and resampled to 8 kHz on the provider's executor, not on the HTTP client's
 * threads.
 */
final class HttpSpeech implements SpeechSource {
  private final SpeechSynthesizer synthesizer;
  private final Executor executor;

  HttpSpeech(SpeechSynthesizer synthesizer, Executor executor) {
    this.synthesizer = Objects.requireNonNull(synthesizer, "synthesizer");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public CompletionStage<short[]> speak(String text, Voice voice) {
    return synthesizer
        .synthesize(text, voice)
        .thenApplyAsync(wav -> Resampler.toNarrowband(Wav.read(wav)), executor);
  }
}
