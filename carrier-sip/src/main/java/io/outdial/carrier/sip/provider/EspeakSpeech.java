package io.outdial.carrier.sip.provider;

import io.outdial.core.campaign.Voice;
import io.outdial.media.audio.Resampler;
import io.outdial.media.audio.Wav;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Speech from a local {@code espeak-ng}, the fallback when no text-to-speech server is configured:
 * robotic, but it lets a trunk be tried end to end without one. The campaign's voice names belong
 * to Orpheus and are ignored; espeak-ng's default English voice speaks.
 *
 * <p>No thread waits for the process: the text goes in through a temporary file ({@code -f}, so a
 * text starting with a dash is not read as an option), the WAV comes out through {@code --stdout}
 * redirected to another temporary file, and {@link Process#onExit()} continues on the provider's
 * executor, where the WAV is read, resampled to 8 kHz and both files deleted.
 */
final class EspeakSpeech implements SpeechSource {
  private static final System.Logger LOG = System.getLogger(EspeakSpeech.class.getName());
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path program;
  private final Executor executor;

  EspeakSpeech(Path program, Executor executor) {
    this.program = Objects.requireNonNull(program, "program");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** {@code espeak-ng} on the PATH, if installed. */
  static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(d -> !d.isBlank())
        .map(d -> Path.of(d, "espeak-ng"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  @Override
  public CompletionStage<short[]> speak(String text, Voice voice) {
    Objects.requireNonNull(text, "text");
    return CompletableFuture.supplyAsync(() -> launch(text), executor)
        .thenCompose(
            run ->
                run.process()
                    .onExit()
                    .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApplyAsync(p -> read(run, p.exitValue()), executor)
                    .whenComplete(
                        (pcm, error) -> {
                          run.process().destroy();
                          delete(run.text());
                          delete(run.wav());
                        }));
  }

  private Run launch(String text) {
    Path textFile = null;
    Path wavFile = null;
    try {
      textFile = Files.createTempFile("outdial-speech", ".txt");
      wavFile = Files.createTempFile("outdial-speech", ".wav");
      Files.writeString(textFile, text, StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(program.toString(), "--stdout", "-f", textFile.toString())
              .redirectOutput(wavFile.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      return new Run(process, textFile, wavFile);
    } catch (IOException e) {
      delete(textFile);
      delete(wavFile);
      throw new UncheckedIOException("cannot run " + program + ": " + e.getMessage(), e);
    }
  }

  private static short[] read(Run run, int exitValue) {
    if (exitValue != 0) {
      throw new IllegalStateException("espeak-ng exited with status " + exitValue);
    }
    try {
      return Resampler.toNarrowband(Wav.read(Files.readAllBytes(run.wav())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read espeak-ng's audio: " + e.getMessage(), e);
    }
  }

  private static void delete(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Temporary speech file {0} not deleted: {1}", file, e);
    }
  }

  private record Run(Process process, Path text, Path wav) {}
}
