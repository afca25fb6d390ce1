package io.outdial.carrier.sip.provider;

import io.outdial.carrier.sip.BaresipPeer;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.dialer.agent.CampaignScript;
import io.outdial.dialer.agent.VoiceAgent;
import io.outdial.dialer.agent.VoiceAgents;
import io.outdial.dialer.call.CallConductor;
import io.outdial.dialer.call.CallLimits;
import io.outdial.dialer.call.CallOutcome;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.MediaQuality;
import io.outdial.dialer.spi.ProviderContext;
import io.outdial.dialer.spi.TelephonyProvider;
import io.outdial.dialer.spi.TelephonyProviders;
import io.outdial.media.audio.Narrowband;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test: voice-to-voice latency of the whole conversation engine over real SIP and
 * RTP. Run by {@code bench/voice-latency.sh}.
 *
 * <p>Places {@code calls} calls, one after the other, from the {@code sip} carrier to baresip on
 * 127.0.0.1, each driven by the dialer's {@link CallConductor} (the {@code CallSession} of the
 * server) with the {@code openai} agent (streaming chat completions) and the carrier's HTTP
 * text-to-speech and speech-to-text clients, all three servers being {@link LatencyStubs} on a
 * latency profile. The callee plays "Hello?", then after {@code first-gap} s the first of {@code
 * turns} questions, {@code gap} s apart, and records both directions.
 *
 * <p>Measured at the callee, in its two recordings (what it sent, "enc", and what it heard, "dec",
 * both starting when its audio starts at the answer): its utterances and the agent's audio are
 * found by energy, 20 ms frames whose mean power is above {@value #VOICED_DBFS} dBFS; frames of one
 * utterance less than {@value #MERGE_MS} ms apart are one utterance. Voice to voice is from the end
 * of an utterance in "enc" to the first loud frame in "dec" after it. Beside it, the engine's own
 * {@link MediaQuality}.
 *
 * <p>Arguments are {@code key=value}: {@code calls} (10), {@code mode} ({@code streaming} or {@code
 * before}), {@code turns} (3), {@code gap} (7 s), {@code first-gap} (8 s), {@code endpointing-ms}
 * (700, the carrier's {@code end-of-turn-silence-ms}), {@code stt-ms} (150), {@code llm-first-ms}
 * (350), {@code llm-tps} (40), {@code tts-first-ms} (200), {@code tts-speed} (3), {@code work} (a
 * directory for the audio).
 */
public final class VoiceLatencyHarness {
  static final double VOICED_DBFS = -40;
  static final int MERGE_MS = 400;

  private static final String CALLEE = "+15550123";
  private static final String GREETING = "Hi, this is Alex from Outdial.";
  private static final List<String> QUESTIONS =
      List.of(
          "Yes, this is Dana. What is it about?",
          "How much does it cost?",
          "Okay. Can I cancel at any time?",
          "Alright. Please send me the details.",
          "Thank you. Goodbye.");

  private VoiceLatencyHarness() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int calls = Integer.parseInt(a.getOrDefault("calls", "10"));
    boolean streaming = !a.getOrDefault("mode", "streaming").equals("before");
    int turns = Math.min(QUESTIONS.size(), Integer.parseInt(a.getOrDefault("turns", "3")));
    double gap = Double.parseDouble(a.getOrDefault("gap", "7"));
    double firstGap = Double.parseDouble(a.getOrDefault("first-gap", "8"));
    int endpointingMs = Integer.parseInt(a.getOrDefault("endpointing-ms", "700"));
    boolean prepare = !a.getOrDefault("prepare", "true").equals("false");
    var profile =
        new LatencyStubs.Profile(
            streaming,
            Integer.parseInt(a.getOrDefault("stt-ms", "150")),
            Integer.parseInt(a.getOrDefault("llm-first-ms", "350")),
            Double.parseDouble(a.getOrDefault("llm-tps", "40")),
            Integer.parseInt(a.getOrDefault("tts-first-ms", "200")),
            Double.parseDouble(a.getOrDefault("tts-speed", "3")));
    Path work =
        a.containsKey("work")
            ? Files.createDirectories(Path.of(a.get("work")))
            : Files.createTempDirectory("voice-latency");

    Path played = calleeAudio(work, turns, firstGap, gap);
    short[] playedPcm = Sounds.narrowband(played);
    List<long[]> playedUtterances = utterances(playedPcm);
    if (playedUtterances.size() != turns + 1) {
      throw new IllegalStateException(
          "found " + playedUtterances.size() + " utterances in the callee's file, not " + turns);
    }

    try (var stubs = new LatencyStubs(profile)) {
      double firstSentence = stubs.firstSentenceMs();
      double streamingFloor =
          endpointingMs + profile.sttMs() + firstSentence + profile.ttsFirstMs();
      double wholeFloor =
          endpointingMs
              + profile.sttMs()
              + stubs.wholeReplyMs()
              + profile.ttsFirstMs()
              + LatencyStubs.speechMs(LatencyStubs.SAY) / profile.ttsSpeed();
      double floor = streaming ? streamingFloor : wholeFloor;
      System.out.println("profile: " + LatencyStubs.describe(profile));
      System.out.printf(
          Locale.ROOT,
          "reply: %d tokens, first sentence complete at %.0f ms, whole at %.0f ms; speech %d ms%n",
          stubs.tokens().size(),
          firstSentence,
          stubs.wholeReplyMs(),
          LatencyStubs.speechMs(LatencyStubs.SAY));
      System.out.printf(
          Locale.ROOT,
          "floor (streaming) = endpointing %d + STT %d + LLM first sentence %.0f + TTS first audio"
              + " %d = %.0f ms%n",
          endpointingMs,
          profile.sttMs(),
          firstSentence,
          profile.ttsFirstMs(),
          streamingFloor);
      System.out.printf(
          Locale.ROOT,
          "floor (whole answers) = endpointing %d + STT %d + LLM whole %.0f + TTS whole %.0f ="
              + " %.0f ms%n",
          endpointingMs,
          profile.sttMs(),
          stubs.wholeReplyMs(),
          profile.ttsFirstMs() + LatencyStubs.speechMs(LatencyStubs.SAY) / profile.ttsSpeed(),
          wholeFloor);

      var executor = new ScheduledThreadPoolExecutor(8, Thread.ofPlatform().daemon().factory());
      Map<String, String> settings = new HashMap<>();
      settings.put("trunk-host", "127.0.0.1");
      settings.put("bind-host", "127.0.0.1");
      settings.put("bind-port", "0");
      settings.put("rtp-port-min", "47000");
      settings.put("rtp-port-max", "47999");
      settings.put("tts-url", stubs.url());
      settings.put("stt-url", stubs.url());
      settings.put("end-of-turn-silence-ms", String.valueOf(endpointingMs));
      VoiceAgent agent = VoiceAgents.create("openai", Map.of("base-url", stubs.url()));
      CampaignScript script =
          CampaignScript.of(
              "You sell a subscription.", Optional.of(GREETING), Optional.empty(), Voice.DEFAULT);

      List<Double> v2vCallee = new ArrayList<>();
      List<Double> v2vEngine = new ArrayList<>();
      List<Double> endpointing = new ArrayList<>();
      List<Double> answerToAudio = new ArrayList<>();
      List<Double> helloToGreeting = new ArrayList<>();
      List<Double> verdictToAudio = new ArrayList<>();
      List<Double> verdicts = new ArrayList<>();
      List<Double> firstAudios = new ArrayList<>();
      List<Double> alignment = new ArrayList<>();
      List<Double> calleeMinusEngine = new ArrayList<>();
      int failed = 0;
      Random random = new Random(16);
      try (BaresipPeer peer =
          BaresipPeer.in(work).number(CALLEE).play(played).recording(true).maxCalls(1).start()) {
        settings.put("trunk-port", String.valueOf(peer.port()));
        TelephonyProvider provider =
            TelephonyProviders.create(
                "sip",
                new ProviderContext(
                    Clock.systemUTC(),
                    EventScheduler.of(executor),
                    settings,
                    Thread.ofPlatform().daemon().factory(),
                    Optional.of(executor)));
        var conductor =
            new CallConductor(
                provider,
                agent,
                EventScheduler.of(executor),
                Clock.systemUTC(),
                new CallLimits(
                    Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(3)));
        System.out.printf(
            Locale.ROOT,
            "%-4s %-8s %9s %9s %9s %9s  %-28s  %-28s%n",
            "call",
            "answer",
            "AMD ms",
            "1st aud",
            "@callee",
            "hello→gr",
            "v2v at callee (ms)",
            "v2v engine (ms)");
        if (prepare) {
          // as the dispatcher does when it places a campaign's first calls: not waited for
          conductor.prepare(script);
        }
        int closed = 0;
        for (int c = 1; c <= calls; c++) {
          Set<Path> before = new HashSet<>(peer.recordings());
          var done = new CompletableFuture<CallOutcome>();
          conductor.start(
              new CallRequest(
                  CallId.random(random),
                  PhoneNumber.ofE164("+15550100"),
                  PhoneNumber.ofE164(CALLEE)),
              script,
              done::complete);
          CallOutcome outcome = done.get(120, TimeUnit.SECONDS);
          int target = ++closed;
          var seen = new java.util.concurrent.atomic.AtomicInteger();
          peer.awaitOutput(
              l -> l.contains("session closed") && seen.incrementAndGet() == target,
              Duration.ofSeconds(10));
          Thread.sleep(300); // the recordings are closed with the session
          List<Path> fresh =
              peer.recordings().stream().filter(p -> !before.contains(p)).sorted().toList();
          Optional<Path> enc = fresh.stream().filter(p -> name(p).contains("enc")).findFirst();
          Optional<Path> dec = fresh.stream().filter(p -> name(p).contains("dec")).findFirst();
          MediaQuality q = outcome.quality();
          if (enc.isEmpty() || dec.isEmpty() || outcome.answeredBy().isEmpty()) {
            failed++;
            System.out.printf(
                Locale.ROOT, "%-4d failed: %s %s%n", c, outcome.endReason(), outcome.disposition());
            continue;
          }
          short[] sent = Sounds.narrowband(enc.get());
          short[] heard = Sounds.narrowband(dec.get());
          alignment.add((double) Math.abs(sent.length - heard.length) / 8);
          List<long[]> said = utterances(sent);
          List<long[]> agentAudio = utterances(heard);
          List<Double> callSide = new ArrayList<>();
          for (int u = 0; u < said.size(); u++) {
            long end = said.get(u)[1];
            Optional<Long> next =
                agentAudio.stream().map(s -> s[0]).filter(s -> s >= end).findFirst();
            if (next.isEmpty()) {
              continue;
            }
            double v = next.get() - end;
            if (u == 0) {
              helloToGreeting.add(v);
            } else {
              callSide.add(v);
            }
          }
          v2vCallee.addAll(callSide);
          List<Double> engine = new ArrayList<>();
          // the engine's first turn is the Hello? answered by the greeting (its dead air)
          for (int t = 1; t < q.voiceToVoice().size(); t++) {
            engine.add((double) q.voiceToVoice().get(t).toMillis());
          }
          v2vEngine.addAll(engine);
          if (engine.size() == callSide.size()) {
            for (int t = 0; t < engine.size(); t++) {
              calleeMinusEngine.add(callSide.get(t) - engine.get(t));
            }
          }
          for (int t = 1; t < q.endpointing().size(); t++) {
            endpointing.add((double) q.endpointing().get(t).toMillis());
          }
          double atCallee = agentAudio.isEmpty() ? Double.NaN : agentAudio.get(0)[0];
          answerToAudio.add(atCallee);
          q.machineDetection().ifPresent(d -> verdicts.add((double) d.toMillis()));
          q.firstAudio().ifPresent(d -> firstAudios.add((double) d.toMillis()));
          if (q.machineDetection().isPresent() && q.firstAudio().isPresent()) {
            verdictToAudio.add(
                (double) (q.firstAudio().get().toMillis() - q.machineDetection().get().toMillis()));
          }
          System.out.printf(
              Locale.ROOT,
              "%-4d %-8s %9s %9s %9.0f %9s  %-28s  %-28s%n",
              c,
              outcome.answeredBy().get(),
              q.machineDetection().map(d -> String.valueOf(d.toMillis())).orElse("-"),
              q.firstAudio().map(d -> String.valueOf(d.toMillis())).orElse("-"),
              atCallee,
              helloToGreeting.isEmpty() ? "-" : fmt(helloToGreeting.getLast()),
              join(callSide),
              join(engine));
        }
        provider.close();
      } finally {
        executor.shutdownNow();
      }

      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "%d calls (%d failed), %d turns each, mode %s%n",
          calls,
          failed,
          turns,
          streaming ? "streaming" : "before");
      summary("voice to voice at the callee", v2vCallee);
      summary("voice to voice, engine (MediaQuality)", v2vEngine);
      summary("endpointing, engine", endpointing);
      summary("answer -> first agent audio at the callee", answerToAudio);
      summary("answer -> first audio, engine", firstAudios);
      summary("answer -> AMD verdict, engine", verdicts);
      summary("AMD verdict -> first audio, engine", verdictToAudio);
      summary("end of Hello? -> greeting at the callee", helloToGreeting);
      summary("callee minus engine, per turn", calleeMinusEngine);
      summary("|enc - dec| recording length", alignment);
      double p95 = percentile(v2vCallee, 95);
      System.out.printf(
          Locale.ROOT,
          "floor %.0f ms; goal p95 <= floor + 100 = %.0f ms: %s (p95 %.0f ms, floor + %.0f)%n",
          floor,
          floor + 100,
          p95 <= floor + 100 ? "MET" : "NOT MET",
          p95,
          p95 - floor);
      double verdictP95 = percentile(verdictToAudio, 95);
      System.out.printf(
          Locale.ROOT,
          "goal first audio within 100 ms of the AMD verdict: %s (p95 %.0f ms)%n",
          verdictP95 <= 100 ? "MET" : "NOT MET",
          verdictP95);
    }
    System.exit(0); // the SIP stack's event thread is not a daemon and outlives its stop
  }

  /**
   * Hello?, then the questions, as 8 kHz mono 16-bit, 0.3 s lead-in and {@code gap} after the last
   * question (baresip hangs up when the file ends: the last answer must fit in).
   */
  private static Path calleeAudio(Path dir, int turns, double firstGap, double gap)
      throws Exception {
    List<String> parts = new ArrayList<>();
    parts.add(Sounds.speech(dir, "hello", "Hello?").toString());
    Path first = silence(dir, "first-gap", firstGap);
    Path between = silence(dir, "gap", gap);
    for (int t = 0; t < turns; t++) {
      parts.add((t == 0 ? first : between).toString());
      parts.add(Sounds.speech(dir, "turn" + t, QUESTIONS.get(t)).toString());
    }
    Path out = dir.resolve("callee.wav");
    List<String> command = new ArrayList<>(List.of("sox"));
    command.addAll(parts);
    command.addAll(List.of(out.toString(), "pad", "0.3", String.valueOf(gap)));
    run(command);
    return out;
  }

  private static Path silence(Path dir, String name, double seconds) throws Exception {
    Path out = dir.resolve(name + ".wav");
    run(
        List.of(
            "sox",
            "-n",
            "-r",
            "8000",
            "-c",
            "1",
            "-b",
            "16",
            "-e",
            "signed-integer",
            out.toString(),
            "trim",
            "0",
            String.valueOf(seconds)));
    return out;
  }

  private static void run(List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("failed: " + String.join(" ", command));
    }
  }

  /**
   * Stretches of loud 20 ms frames (mean power above {@link #VOICED_DBFS}), joined across quieter
   * gaps under {@link #MERGE_MS}: {start ms, end ms} each.
   */
  static List<long[]> utterances(short[] pcm) {
    List<long[]> found = new ArrayList<>();
    int frame = Narrowband.FRAME_SAMPLES;
    for (int f = 0; f + frame <= pcm.length; f += frame) {
      double sum = 0;
      for (int i = f; i < f + frame; i++) {
        sum += (double) pcm[i] * pcm[i];
      }
      double dbfs = 20 * Math.log10(Math.max(Math.sqrt(sum / frame), 1e-9) / 32768.0);
      if (dbfs <= VOICED_DBFS) {
        continue;
      }
      long start = f / 8;
      long end = (f + frame) / 8;
      if (!found.isEmpty() && start - found.getLast()[1] < MERGE_MS) {
        found.getLast()[1] = end;
      } else {
        found.add(new long[] {start, end});
      }
    }
    return found;
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  private static String join(List<Double> values) {
    return String.join(" ", values.stream().map(VoiceLatencyHarness::fmt).toList());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static void summary(String what, List<Double> values) {
    if (values.isEmpty()) {
      System.out.printf(Locale.ROOT, "%-44s n=0%n", what);
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%-44s n=%-3d p50 %6.0f  p95 %6.0f  min %6.0f  max %6.0f ms%n",
        what,
        values.size(),
        percentile(values, 50),
        percentile(values, 95),
        values.stream().mapToDouble(d -> d).min().orElse(0),
        values.stream().mapToDouble(d -> d).max().orElse(0));
  }

  /** Nearest-rank percentile. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
