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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: feeds greetings through the carrier's {@link FrameAnalyzer} offline, in 20
 * ms frames on audio time (frame n is at n × 20 ms), with the carrier's settings, and reports the
 * answering-machine decision time and the confusion matrix. Run by {@code bench/amd-accuracy.sh}.
 *
 * <p>Arguments: a directory of 8 kHz mono signed 16-bit little-endian raw files named {@code
 * human-*.raw} or {@code machine-*.raw} (a name with {@code -x} after the number belongs to the
 * additions to the first set, reported apart as well), then any {@code amd-*} settings as {@code
 * key=value}, read by {@link CarrierSettings} as the carrier reads them (defaults otherwise), and
 * {@code max-words=N} for the detector's word rule (not a setting of the carrier). After a file's
 * audio, silence follows (the person waits for an answer, the mailbox records) for 8 s.
 *
 * <p>Per file: the first verdict, the verdict that stood (a MACHINE verdict may be withdrawn), when
 * the carrier would start the voicemail ({@code recording}: the beep's end or the fallback), and
 * for people the dead air before the agent may speak (from the end of their speech to the verdict
 * that let the conversation start). A person who reaches recording hears the voicemail message.
 */
public final class AmdHarness {
  private static final int FRAME = 160;
  private static final int TAIL_MS = 8000;

  private AmdHarness() {}

  /** What happened to one file. */
  private record Result(
      String name,
      String klass,
      String group,
      long lenMs,
      AnsweredBy first,
      long firstMs,
      AnsweredBy stood,
      long stoodMs,
      long recordingMs,
      long speechEndMs) {
    boolean human() {
      return klass.equals("human");
    }

    /** The agent may speak: HUMAN or UNKNOWN stood, and no recording started before. */
    boolean conversation() {
      return stood != AnsweredBy.MACHINE && (recordingMs < 0 || recordingMs > stoodMs);
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Map<String, String> settings = new HashMap<>();
    settings.put("trunk-host", "harness.invalid");
    int maxWords = AnsweringMachineDetector.Settings.DEFAULTS.maxWords();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv[0].equals("max-words")) { // not a setting of the carrier: to try the rule
        maxWords = Integer.parseInt(kv[1]);
      } else {
        settings.put(kv[0], kv[1]);
      }
    }
    CarrierSettings carrier = withMaxWords(CarrierSettings.parse(settings), maxWords);
    System.out.println(
        "settings: " + carrier.amdSettings() + ", beepFallbackMs=" + carrier.beepFallbackMs());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".raw")).sorted().toList();
    }
    System.out.printf(
        Locale.ROOT,
        "%-48s %6s %-8s %6s %-8s %6s %7s %8s%n",
        "file",
        "len ms",
        "first",
        "at ms",
        "stood",
        "at ms",
        "rec at",
        "dead air");
    List<Result> results = new ArrayList<>();
    for (Path f : files) {
      Result r = run(f, carrier);
      results.add(r);
      System.out.printf(
          Locale.ROOT,
          "%-48s %6d %-8s %6d %-8s %6d %7d %8s%n",
          r.name(),
          r.lenMs(),
          r.first(),
          r.firstMs(),
          r.stood(),
          r.stoodMs(),
          r.recordingMs(),
          r.human() && r.conversation() ? Long.toString(r.stoodMs() - r.speechEndMs()) : "-");
    }
    report("all", results);
    for (String group : List.of("original", "added")) {
      List<Result> in = results.stream().filter(r -> r.group().equals(group)).toList();
      if (!in.isEmpty() && in.size() < results.size()) {
        report(group, in);
      }
    }
  }

  private static CarrierSettings withMaxWords(CarrierSettings c, int maxWords) {
    AnsweringMachineDetector.Settings a = c.amdSettings();
    return new CarrierSettings(
        c.sip(),
        c.media(),
        c.tts(),
        c.stt(),
        c.sttLanguage(),
        c.amd(),
        new AnsweringMachineDetector.Settings(
            a.initialSilenceMs(),
            a.greetingMs(),
            a.afterGreetingSilenceMs(),
            a.minWordMs(),
            a.betweenWordsSilenceMs(),
            maxWords,
            a.totalAnalysisMs(),
            a.silenceThresholdDbfs(),
            a.marginDb(),
            a.longestHumanGreetingMs(),
            a.withdrawSilenceMs()),
        c.beepFallbackMs(),
        c.ttsCacheEntries(),
        c.endOfTurnSilenceMs());
  }

  private static Result run(Path f, CarrierSettings carrier) throws IOException {
    String name = f.getFileName().toString();
    String klass = name.startsWith("human") ? "human" : "machine";
    String group = name.matches("[a-z]+-x.*") ? "added" : "original";
    short[] pcm = read(f);
    long[] frames = {0};
    AnsweredBy[] first = {null};
    AnsweredBy[] stood = {null};
    long[] firstMs = {-1};
    long[] stoodMs = {-1};
    long[] recordingMs = {-1};
    List<Long> speechEnds = new ArrayList<>();
    FrameAnalyzer.Sink sink =
        new FrameAnalyzer.Sink() {
          @Override
          public void verdict(AnsweredBy by) {
            first[0] = by;
            stood[0] = by;
            firstMs[0] = frames[0] * 20;
            stoodMs[0] = frames[0] * 20;
          }

          @Override
          public void verdictChanged(AnsweredBy by) {
            stood[0] = by;
            stoodMs[0] = frames[0] * 20;
          }

          @Override
          public void speechStarted() {}

          @Override
          public void speechEnded(long endNanos) {
            speechEnds.add(endNanos / 1_000_000);
          }

          @Override
          public void utterance(short[] samples) {}

          @Override
          public void recording() {
            recordingMs[0] = frames[0] * 20;
          }
        };
    FrameAnalyzer analyzer =
        new FrameAnalyzer(
            sink, carrier.amdSettings(), carrier.beepFallbackMs(), () -> frames[0] * 20_000_000L);
    analyzer.start(true);
    int total = Math.ceilDiv(pcm.length, FRAME) + TAIL_MS / 20;
    for (int i = 0; i < total && recordingMs[0] < 0; i++) {
      short[] frame = new short[FRAME];
      int from = i * FRAME;
      if (from < pcm.length) {
        System.arraycopy(pcm, from, frame, 0, Math.min(FRAME, pcm.length - from));
      }
      frames[0] = i + 1; // the frame's end: it is whole when accepted
      analyzer.accept(frame);
    }
    return new Result(
        name,
        klass,
        group,
        pcm.length / 8,
        first[0] == null ? AnsweredBy.UNKNOWN : first[0],
        firstMs[0],
        stood[0] == null ? AnsweredBy.UNKNOWN : stood[0],
        stoodMs[0],
        recordingMs[0],
        // the end of the speech the verdict answered: the last one before it (reported later
        // when the verdict came within the end-of-turn silence)
        speechEnds.stream().filter(e -> e <= stoodMs[0]).reduce((a, b) -> b).orElse(-1L));
  }

  private static void report(String title, List<Result> results) {
    System.out.println();
    System.out.println("== " + title + " (" + results.size() + " files)");
    System.out.println("Confusion matrix, verdict that stood (rows: truth; first verdict)");
    System.out.printf(Locale.ROOT, "%-8s %6s %8s %8s%n", "", "HUMAN", "MACHINE", "UNKNOWN");
    Map<String, Map<AnsweredBy, Integer>> stood = new TreeMap<>();
    Map<String, Map<AnsweredBy, Integer>> first = new TreeMap<>();
    for (Result r : results) {
      stood
          .computeIfAbsent(r.klass(), k -> new EnumMap<>(AnsweredBy.class))
          .merge(r.stood(), 1, Integer::sum);
      first
          .computeIfAbsent(r.klass(), k -> new EnumMap<>(AnsweredBy.class))
          .merge(r.first(), 1, Integer::sum);
    }
    for (var e : stood.entrySet()) {
      Map<AnsweredBy, Integer> row = e.getValue();
      Map<AnsweredBy, Integer> firstRow = first.get(e.getKey());
      System.out.printf(
          Locale.ROOT,
          "%-8s %6d %8d %8d   (first: %d / %d / %d)%n",
          e.getKey(),
          row.getOrDefault(AnsweredBy.HUMAN, 0),
          row.getOrDefault(AnsweredBy.MACHINE, 0),
          row.getOrDefault(AnsweredBy.UNKNOWN, 0),
          firstRow.getOrDefault(AnsweredBy.HUMAN, 0),
          firstRow.getOrDefault(AnsweredBy.MACHINE, 0),
          firstRow.getOrDefault(AnsweredBy.UNKNOWN, 0));
    }
    System.out.println("Decision time after answer, verdict that stood (ms, audio time)");
    for (String klass : List.of("human", "machine")) {
      List<Long> v =
          results.stream()
              .filter(r -> r.klass().equals(klass) && r.stoodMs() >= 0)
              .map(Result::stoodMs)
              .toList();
      if (!v.isEmpty()) {
        System.out.printf(
            Locale.ROOT,
            "%-8s n=%d p50=%d p95=%d max=%d%n",
            klass,
            v.size(),
            pct(v, 50),
            pct(v, 95),
            pct(v, 100));
      }
    }
    List<Result> humans = results.stream().filter(Result::human).toList();
    List<Long> deadAir =
        humans.stream()
            .filter(Result::conversation)
            .map(r -> r.stoodMs() - r.speechEndMs())
            .toList();
    long withdrawn =
        humans.stream()
            .filter(r -> r.first() == AnsweredBy.MACHINE && r.stood() != AnsweredBy.MACHINE)
            .count();
    long voicemailToPeople = humans.stream().filter(r -> r.recordingMs() >= 0).count();
    if (!humans.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "human    conversation: %d of %d (%d after a withdrawn MACHINE verdict);"
              + " voicemail played to a person: %d%n",
          deadAir.size(),
          humans.size(),
          withdrawn,
          voicemailToPeople);
      if (!deadAir.isEmpty()) {
        System.out.printf(
            Locale.ROOT,
            "human    end of speech to the verdict that lets the agent speak:"
                + " p50=%d p95=%d max=%d ms%n",
            pct(deadAir, 50),
            pct(deadAir, 95),
            pct(deadAir, 100));
      }
    }
    List<Result> machines = results.stream().filter(r -> !r.human()).toList();
    if (!machines.isEmpty()) {
      List<Long> recording =
          machines.stream()
              .filter(r -> r.recordingMs() >= 0)
              .map(r -> r.recordingMs() - r.lenMs())
              .toList();
      List<Result> takenForPeople = machines.stream().filter(Result::conversation).toList();
      List<Long> caught =
          takenForPeople.stream()
              .filter(r -> r.recordingMs() >= 0)
              .map(r -> r.recordingMs() - r.lenMs())
              .toList();
      if (!recording.isEmpty()) {
        System.out.printf(
            Locale.ROOT,
            "machine  voicemail starts after the end of greeting+beep: p50=%d p95=%d max=%d ms"
                + " (n=%d; never: %d)%n",
            pct(recording, 50),
            pct(recording, 95),
            pct(recording, 100),
            recording.size(),
            machines.size() - recording.size());
      }
      System.out.printf(
          Locale.ROOT,
          "machine  taken for a person: %d; of those caught by the beep: %d%s; never: %d%n",
          takenForPeople.size(),
          caught.size(),
          caught.isEmpty()
              ? ""
              : String.format(
                  Locale.ROOT,
                  " (voicemail after the end p50=%d max=%d ms)",
                  pct(caught, 50),
                  pct(caught, 100)),
          takenForPeople.size() - caught.size());
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
