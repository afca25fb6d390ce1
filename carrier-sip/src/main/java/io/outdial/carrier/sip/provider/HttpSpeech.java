package io.outdial.carrier.sip.provider;

import io.outdial.core.campaign.Voice;
import io.outdial.dialer.agent.SpeechSynthesizer;
import io.outdial.media.audio.Resampler;
import io.outdial.media.audio.Wav;
import io.outdial.media.audio.WavFormatException;
import io.outdial.media.audio.WavStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Speech from a text-to-speech server ({@code POST /v1/audio/speech}, e.g. Orpheus at 24 kHz). A
 * whole answer ({@link #speak}) is read and resampled to 8 kHz on the provider's executor, not on
 * the HTTP client's threads; a streamed one ({@link #stream}) is decoded and resampled piece by
 * piece as it arrives, on the HTTP client's threads (a few hundred microseconds a piece), so that
 * its first samples can be played before the server has finished.
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

  @Override
  public CompletableFuture<Void> stream(String text, Voice voice, Consumer<short[]> pcm) {
    WavStream wav = new WavStream();
    Resampler.Stream[] resampler = new Resampler.Stream[1]; // pieces arrive one at a time
    CompletableFuture<Void> result = new CompletableFuture<>();
    CompletableFuture<Void> synthesis =
        synthesizer.stream(
            text,
            voice,
            bytes -> {
              if (result.isDone()) {
                return;
              }
              try {
                short[] samples = wav.push(bytes);
                if (wav.started()) {
                  if (resampler[0] == null) {
                    resampler[0] = Resampler.stream(wav.sampleRateHz(), wav.channels());
                  }
                  short[] narrow = resampler[0].push(samples);
                  if (narrow.length > 0) {
                    pcm.accept(narrow);
                  }
                }
              } catch (RuntimeException e) {
                result.completeExceptionally(e); // not a WAV: the stream is closed below
              }
            });
    synthesis.whenComplete(
        (done, error) -> {
          if (error != null) {
            result.completeExceptionally(error);
            return;
          }
          try {
            if (resampler[0] == null) {
              throw new WavFormatException("the audio ended inside the WAV header");
            }
            short[] last = resampler[0].finish();
            if (last.length > 0 && !result.isDone()) {
              pcm.accept(last);
            }
            result.complete(null);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    result.whenComplete(
        (done, error) -> {
          if (error != null) {
            synthesis.cancel(true); // cancelled (barge-in) or unreadable: close the stream
          }
        });
    return result;
  }
}
