package io.outdial.carrier.sip.provider;

import io.outdial.carrier.sip.BaresipPeer;
import io.outdial.core.call.AnsweredBy;
import io.outdial.core.campaign.Voice;
import io.outdial.core.contact.PhoneNumber;
import io.outdial.core.id.CallId;
import io.outdial.dialer.spi.CallFailure;
import io.outdial.dialer.spi.CallHandle;
import io.outdial.dialer.spi.CallListener;
import io.outdial.dialer.spi.CallRequest;
import io.outdial.dialer.spi.EventScheduler;
import io.outdial.dialer.spi.ProviderContext;
import io.outdial.dialer.spi.TelephonyProviders;
import io.outdial.media.rtp.MediaStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load harness for the SIP carrier (not a test): holds N simultaneous calls to a real baresip for S
 * seconds, the agent speaking all the time (line after line: a TTS stand-in returns 5 s of 24 kHz
 * audio per line, fetched, resampled and paced like any agent speech), and reports the outgoing
 * frames sent, late (more than 20 ms after due) and skipped, and the CPU time of this JVM and of
 * baresip per call-second. Everything between the two is real SIP and RTP on loopback;
 * answering-machine detection and voice activity detection run on every received frame as in
 * production.
 *
 * <pre>
 *   java ... io.outdial.carrier.sip.provider.SipLoadHarness CALLS SECONDS
 * </pre>
 *
 * Run by {@code bench/sip-concurrent.sh}, which builds the class path.
 */
public final class SipLoadHarness {
  private static final int WARM_UP_SECONDS = 5;

  private static final int EXECUTOR_THREADS =
      Integer.getInteger("outdial.bench.executor-threads", 8);

  /** Each of the agent's lines: 5 s of audio, said again as soon as it has been played out. */
  private static final int CLIP_MS = 5000;

  private SipLoadHarness() {}

  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("outdial-sip-load");
    Path callee = dir.resolve("callee.wav");
    // a one-second "Hello?" tone, then silence until after the measured window
    BaresipPeer.writeWav(callee, seconds + WARM_UP_SECONDS + 30);
    // the provider's executor: pacing, call events and resampling share it, as they share the
    // managed scheduled executor in the server (whose pool is larger than the machine's cores)
    ScheduledExecutorService executor =
        Executors.newScheduledThreadPool(EXECUTOR_THREADS, Thread.ofPlatform().daemon().factory());
    String number = "+12125550123";
    try (BaresipPeer phone =
            BaresipPeer.in(dir).number(number).maxCalls(calls + 1).play(callee).start();
        SpeechStubs speech = new SpeechStubs(Sounds.wideband(CLIP_MS), "Yes.");
        SipCarrier carrier =
            (SipCarrier)
                TelephonyProviders.create(
                    SipCarrier.NAME,
                    new ProviderContext(
                        Clock.systemUTC(),
                        EventScheduler.of(executor),
                        Map.of(
                            "trunk-host", "127.0.0.1",
                            "trunk-port", String.valueOf(phone.port()),
                            "bind-host", "127.0.0.1",
                            "bind-port", "0",
                            "rtp-port-min", "40000",
                            "rtp-port-max", "44999",
                            "tts-url", speech.url()),
                        Thread.ofPlatform().daemon().factory(),
                        Optional.of(executor)))) {
      CountDownLatch speaking = new CountDownLatch(calls);
      AtomicInteger ended = new AtomicInteger();
      List<CallHandle> handles = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        AtomicReference<CallHandle> handle = new AtomicReference<>();
        // calls of a campaign start at different moments: so do the agents' lines here
        long offset = (long) CLIP_MS * i / calls;
        CallListener listener = new Speaker(handle, speaking, ended, executor, offset);
        handle.set(
            carrier.placeCall(
                new CallRequest(
                    CallId.random(),
                    PhoneNumber.ofE164("+15551234567"),
                    PhoneNumber.ofE164(number)),
                listener));
        handles.add(handle.get());
      }
      if (!speaking.await(60, TimeUnit.SECONDS)) {
        System.out.printf(
            "only %d of %d calls answered and speaking (%d ended)%n",
            calls - speaking.getCount(), calls, ended.get());
      }
      // let every call's speech start and the JIT settle before measuring
      Thread.sleep(TimeUnit.SECONDS.toMillis(WARM_UP_SECONDS));
      MediaStats before = carrier.mediaStats();
      long cpuBefore = jvmCpuNanos();
      long phoneBefore = processCpuNanos("baresip");
      long[] machineBefore = machineTicks();
      long start = System.nanoTime();
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measured window itself
      double wall = (System.nanoTime() - start) / 1e9;
      MediaStats after = carrier.mediaStats();
      long cpu = jvmCpuNanos() - cpuBefore;
      long phoneCpu = processCpuNanos("baresip") - phoneBefore;
      long[] machineAfter = machineTicks();
      int up = carrier.callsUp();
      handles.forEach(CallHandle::hangUp);
      long sent = after.framesSent() - before.framesSent();
      long late = after.framesLate() - before.framesLate();
      long skipped = after.framesSkipped() - before.framesSkipped();
      double busy =
          100.0
              * (1
                  - (double) (machineAfter[1] - machineBefore[1])
                      / (machineAfter[0] - machineBefore[0]));
      System.out.printf(
          "calls %d (up at the end %d, ended early %d), window %.1f s%n",
          calls, up, ended.get(), wall);
      System.out.printf(
          "outgoing frames: sent %d (expected %d), late %d (%.3f %%), skipped %d (%.3f %%)%n",
          sent,
          Math.round(calls * wall * 50),
          late,
          100.0 * late / Math.max(1, sent + skipped),
          skipped,
          100.0 * skipped / Math.max(1, sent + skipped));
      System.out.printf(
          "incoming packets: received %d, lost %d, late %d%n",
          after.packetsReceived() - before.packetsReceived(),
          after.packetsLost() - before.packetsLost(),
          after.packetsLate() - before.packetsLate());
      System.out.printf(
          "CPU per call: Outdial %.2f ms per call-second (%.2f cores), baresip %.2f ms per"
              + " call-second (%.2f cores); machine busy %.0f %%%n",
          cpu / 1e6 / calls / wall,
          cpu / 1e9 / wall,
          phoneCpu / 1e6 / calls / wall,
          phoneCpu / 1e9 / wall,
          busy);
    } finally {
      executor.shutdownNow();
    }
    // the SIP stack's event scanner thread is not a daemon and outlives the stack
    System.exit(0);
  }

  /** Speaks as soon as the call is answered, and keeps count. */
  private record Speaker(
      AtomicReference<CallHandle> handle,
      CountDownLatch speaking,
      AtomicInteger ended,
      ScheduledExecutorService executor,
      long offsetMs)
      implements CallListener {
    @Override
    public void onRinging() {}

    @Override
    public void onAnswered(AnsweredBy answeredBy) {
      executor.schedule(
          () -> {
            handle.get().speak("Hello, this is a long message.", Voice.TARA);
            speaking.countDown();
          },
          offsetMs,
          TimeUnit.MILLISECONDS);
    }

    @Override
    public void onMachineBeep() {}

    @Override
    public void onUtterance(String text) {}

    @Override
    public void onSpeechFinished(boolean interrupted) {
      handle.get().speak("And another thing.", Voice.TARA);
    }

    @Override
    public void onRemoteHangUp() {
      ended.incrementAndGet();
    }

    @Override
    public void onNoAnswer() {
      ended.incrementAndGet();
    }

    @Override
    public void onBusy() {
      ended.incrementAndGet();
    }

    @Override
    public void onFailed(CallFailure failure) {
      ended.incrementAndGet();
      System.out.println("call failed: " + failure);
    }
  }

  /** User plus system CPU time of this process (Linux: /proc/self/stat, in clock ticks). */
  private static long jvmCpuNanos() throws IOException {
    return statCpuNanos(Path.of("/proc/self/stat"));
  }

  /** CPU time of every process whose command is {@code name}. */
  private static long processCpuNanos(String name) throws IOException {
    long total = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          if (Files.readString(proc.resolve("comm")).strip().equals(name)) {
            total += statCpuNanos(proc.resolve("stat"));
          }
        } catch (IOException gone) {
          // the process ended while we looked
        }
      }
    }
    return total;
  }

  private static long statCpuNanos(Path stat) throws IOException {
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    return ticks * 10_000_000L; // USER_HZ is 100 on Linux
  }

  /** {total, idle} jiffies of the whole machine. */
  private static long[] machineTicks() throws IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
    long total = 0;
    for (int i = 1; i < cpu.length; i++) {
      total += Long.parseLong(cpu[i]);
    }
    return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
  }
}
