package io.outdial.carrier.sip.provider;

import io.outdial.core.call.AnsweredBy;
import io.outdial.media.audio.AnsweringMachineDetector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: feeds greetings through the carrier's {@link FrameAnalyzer} offline, in 20
 * ms frames on audio time (frame n is at n × 20 ms), with the carrier's default settings, and
 * reports the answering-machine decision time and the confusion matrix. Run by {@code
 * bench/amd-accuracy.sh}.
 *
 * <p>Input: a directory of 8 kHz mono signed 16-bit little-endian raw files named {@code
 * human-*.raw} or {@code machine-*.raw}. After a file's audio, silence follows (the person waits
 * for an answer, the mailbox records) for up to 8 s. For machines it also reports when the carrier
 * would start the voicemail ({@code recording}) after the end of the file's audio.
 */
public final class AmdHarness {
  private static final int FRAME = 160;

  private AmdHarness() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".raw")).sorted().toList();
    }
    Map<String, Map<AnsweredBy, Integer>> matrix = new java.util.TreeMap<>();
    Map<String, List<Long>> decision = new java.util.TreeMap<>();
    List<Long> recordingAfterEnd = new ArrayList<>();
    int machinesNeverRecording = 0;
    System.out.printf(
        Locale.ROOT,
        "%-44s %-7s %6s %-8s %8s %10s%n",
        "file",
        "class",
        "len ms",
        "verdict",
        "at ms",
        "rec at ms");
    for (Path f : files) {
      String name = f.getFileName().toString();
      String klass = name.startsWith("human") ? "human" : "machine";
      short[] pcm = read(f);
      long lenMs = pcm.length / 8;
      long[] frames = {0};
      AnsweredBy[] verdict = {null};
      long[] verdictMs = {-1};
      long[] recordingMs = {-1};
      FrameAnalyzer.Sink sink =
          new FrameAnalyzer.Sink() {
            @Override
            public void verdict(AnsweredBy by) {
              verdict[0] = by;
              verdictMs[0] = frames[0] * 20;
            }

            @Override
            public void speechStarted() {}

            @Override
            public void speechEnded(long endNanos) {}

            @Override
            public void utterance(short[] samples) {}

            @Override
            public void recording() {
              recordingMs[0] = frames[0] * 20;
            }
          };
      FrameAnalyzer analyzer =
          new FrameAnalyzer(
              sink,
              AnsweringMachineDetector.Settings.DEFAULTS,
              2000,
              () -> frames[0] * 20_000_000L);
      analyzer.start(true);
      int total = (int) (Math.ceilDiv(pcm.length, FRAME) + 8000 / 20);
      for (int i = 0; i < total; i++) {
        short[] frame = new short[FRAME];
        int from = i * FRAME;
        if (from < pcm.length) {
          System.arraycopy(pcm, from, frame, 0, Math.min(FRAME, pcm.length - from));
        }
        frames[0] = i + 1; // the frame's end: it is whole when accepted
        analyzer.accept(frame);
        if (verdict[0] != null && (verdict[0] != AnsweredBy.MACHINE || recordingMs[0] >= 0)) {
          break;
        }
      }
      AnsweredBy by = verdict[0] == null ? AnsweredBy.UNKNOWN : verdict[0];
      matrix
          .computeIfAbsent(klass, k -> new EnumMap<>(AnsweredBy.class))
          .merge(by, 1, Integer::sum);
      if (verdictMs[0] >= 0) {
        decision.computeIfAbsent(klass, k -> new ArrayList<>()).add(verdictMs[0]);
      }
      if (klass.equals("machine") && by == AnsweredBy.MACHINE) {
        if (recordingMs[0] >= 0) {
          recordingAfterEnd.add(recordingMs[0] - lenMs);
        } else {
          machinesNeverRecording++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%-44s %-7s %6d %-8s %8d %10d%n",
          name,
          klass,
          lenMs,
          by,
          verdictMs[0],
          recordingMs[0]);
    }
    System.out.println();
    System.out.println("Confusion matrix (rows: truth, columns: verdict)");
    System.out.printf(Locale.ROOT, "%-8s %6s %8s %8s%n", "", "HUMAN", "MACHINE", "UNKNOWN");
    for (var e : matrix.entrySet()) {
      Map<AnsweredBy, Integer> row = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-8s %6d %8d %8d%n",
          e.getKey(),
          row.getOrDefault(AnsweredBy.HUMAN, 0),
          row.getOrDefault(AnsweredBy.MACHINE, 0),
          row.getOrDefault(AnsweredBy.UNKNOWN, 0));
    }
    System.out.println();
    System.out.println("Decision time after answer (ms, audio time)");
    for (var e : decision.entrySet()) {
      List<Long> v = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-8s n=%d p50=%d p95=%d max=%d%n",
          e.getKey(),
          v.size(),
          pct(v, 50),
          pct(v, 95),
          pct(v, 100));
    }
    if (!recordingAfterEnd.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "machine  voicemail starts after the end of greeting+beep: p50=%d p95=%d ms"
              + " (n=%d; never: %d)%n",
          pct(recordingAfterEnd, 50),
          pct(recordingAfterEnd, 95),
          recordingAfterEnd.size(),
          machinesNeverRecording);
    }
  }

  /** Nearest-rank percentile. */
  private static long pct(List<Long> values, int p) {
    List<Long> sorted = values.stream().sorted().toList();
    int rank = Math.max(1, (int) Math.ceil(p / 100.0 * sorted.size()));
    return sorted.get(rank - 1);
  }

  private static short[] read(Path f) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    short[] pcm = new short[b.remaining() / 2];
    b.asShortBuffer().get(pcm);
    return pcm;
  }
}
