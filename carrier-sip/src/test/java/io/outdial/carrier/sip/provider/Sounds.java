package io.outdial.carrier.sip.provider;

import static org.junit.jupiter.api.Assertions.fail;

import io.outdial.media.audio.Narrowband;
import io.outdial.media.audio.PcmAudio;
import io.outdial.media.audio.Wav;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Audio for the callee side of the tests, made at test time with espeak-ng and sox (skipped when
 * they are missing, failed on CI where they are installed), and simple measures of recorded audio.
 */
public final class Sounds {
  /** Frames quieter than this (mean power, dBFS) count as silence in the measures. */
  private static final double VOICED_DBFS = -40;

  private Sounds() {}

  public static void requireTools() {
    for (String tool : List.of("espeak-ng", "sox")) {
      boolean present =
          Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
              .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
      if (!present) {
        String message = tool + " is not on the PATH: the SIP carrier tests need it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(message);
        }
        Assumptions.assumeTrue(false, message + "; skipped");
      }
    }
  }

  /** {@code text} spoken by espeak-ng as an 8 kHz mono 16-bit WAV, without padding. */
  public static Path speech(Path dir, String name, String text) throws Exception {
    Path raw = dir.resolve(name + "-raw.wav");
    Path out = dir.resolve(name + ".wav");
    run("espeak-ng", "-w", raw.toString(), text);
    sox(List.of(raw.toString()), List.of(out.toString()));
    return out;
  }

  /**
   * Runs sox from {@code input} to an 8 kHz mono 16-bit WAV named at the start of {@code output}.
   */
  private static void sox(List<String> input, List<String> output) throws Exception {
    List<String> command = new ArrayList<>(List.of("sox"));
    command.addAll(input);
    command.addAll(List.of("-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer"));
    command.addAll(output);
    run(command.toArray(String[]::new));
  }

  /** A sine tone as an 8 kHz mono 16-bit WAV. */
  public static Path tone(Path dir, String name, int hz, double seconds) throws Exception {
    Path out = dir.resolve(name + ".wav");
    sox(
        List.of("-n"),
        List.of(
            out.toString(),
            "synth",
            String.valueOf(seconds),
            "sine",
            String.valueOf(hz),
            "vol",
            "0.5"));
    return out;
  }

  /** Silence, then the parts in a row with {@code gapSeconds} between them, then silence. */
  public static Path sequence(
      Path dir,
      String name,
      double leadSeconds,
      double tailSeconds,
      double gapSeconds,
      Path... parts)
      throws Exception {
    Path gap = dir.resolve(name + "-gap.wav");
    sox(List.of("-n"), List.of(gap.toString(), "trim", "0", String.valueOf(gapSeconds)));
    List<String> command = new ArrayList<>(List.of("sox"));
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        command.add(gap.toString());
      }
      command.add(parts[i].toString());
    }
    Path out = dir.resolve(name + ".wav");
    command.addAll(
        List.of(out.toString(), "pad", String.valueOf(leadSeconds), String.valueOf(tailSeconds)));
    run(command.toArray(String[]::new));
    return out;
  }

  /** A 24 kHz mono WAV of a 300 Hz tone of {@code ms} milliseconds, as Orpheus would send. */
  public static byte[] wideband(int ms) {
    int rate = 24_000;
    short[] pcm = new short[rate * ms / 1000];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) Math.round(Math.sin(2 * Math.PI * 300 * i / rate) * 8000);
    }
    return Wav.write(pcm, rate);
  }

  static short[] narrowband(Path wav) throws IOException {
    PcmAudio audio = Wav.read(Files.readAllBytes(wav));
    if (audio.sampleRateHz() != 8000 || audio.channels() != 1) {
      throw new IllegalArgumentException(wav + " is not 8 kHz mono: " + audio);
    }
    return audio.samples();
  }

  /** Milliseconds of 20 ms frames louder than -40 dBFS. */
  static long voicedMs(short[] pcm) {
    long voiced = 0;
    for (int f = 0; f + Narrowband.FRAME_SAMPLES <= pcm.length; f += Narrowband.FRAME_SAMPLES) {
      if (loud(pcm, f)) {
        voiced += Narrowband.FRAME_MS;
      }
    }
    return voiced;
  }

  /** Milliseconds from the start of the first loud frame to the end of the last; 0 if none. */
  static long voicedSpanMs(short[] pcm) {
    int first = -1;
    int last = -1;
    for (int f = 0; f + Narrowband.FRAME_SAMPLES <= pcm.length; f += Narrowband.FRAME_SAMPLES) {
      if (loud(pcm, f)) {
        if (first < 0) {
          first = f;
        }
        last = f;
      }
    }
    return first < 0 ? 0 : (last - first + Narrowband.FRAME_SAMPLES) / 8;
  }

  /** Where the first loud frame at or after {@code fromMs} starts, in ms; -1 if none. */
  static long firstVoicedMsAfter(short[] pcm, long fromMs) {
    for (int f = (int) (fromMs * 8);
        f + Narrowband.FRAME_SAMPLES <= pcm.length;
        f += Narrowband.FRAME_SAMPLES) {
      if (loud(pcm, f)) {
        return f / 8;
      }
    }
    return -1;
  }

  /**
   * Milliseconds of loud 20 ms frames whose power lies mostly (over half) at {@code hz}: how long a
   * tone of that frequency was heard (Goertzel at the exact frequency).
   */
  static long toneMs(short[] pcm, double hz) {
    long ms = 0;
    for (int f = 0; f + Narrowband.FRAME_SAMPLES <= pcm.length; f += Narrowband.FRAME_SAMPLES) {
      if (loud(pcm, f) && toneShare(pcm, f, hz) > 0.5) {
        ms += Narrowband.FRAME_MS;
      }
    }
    return ms;
  }

  /** Where the first frame of a tone at {@code hz} starts (see {@link #toneMs}), in ms; -1. */
  static long firstToneMs(short[] pcm, double hz) {
    for (int f = 0; f + Narrowband.FRAME_SAMPLES <= pcm.length; f += Narrowband.FRAME_SAMPLES) {
      if (loud(pcm, f) && toneShare(pcm, f, hz) > 0.5) {
        return f / 8;
      }
    }
    return -1;
  }

  /** The share of a frame's power at {@code hz}: about 1 for a pure tone of that frequency. */
  private static double toneShare(short[] pcm, int from, double hz) {
    int n = Narrowband.FRAME_SAMPLES;
    double w = 2 * Math.PI * hz / 8000;
    double coeff = 2 * Math.cos(w);
    double s1 = 0;
    double s2 = 0;
    double energy = 0;
    for (int i = from; i < from + n; i++) {
      double s0 = pcm[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
      energy += (double) pcm[i] * pcm[i];
    }
    double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    return energy == 0 ? 0 : 2 * power / (n * energy);
  }

  private static boolean loud(short[] pcm, int from) {
    double sum = 0;
    for (int i = from; i < from + Narrowband.FRAME_SAMPLES; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    double rms = Math.sqrt(sum / Narrowband.FRAME_SAMPLES);
    return 20 * Math.log10(Math.max(rms, 1e-9) / 32768.0) > VOICED_DBFS;
  }

  private static void run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("failed: " + String.join(" ", command));
    }
  }
}
