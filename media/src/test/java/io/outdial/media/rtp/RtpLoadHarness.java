package io.outdial.media.rtp;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness, not a test: N sessions of one engine each play S seconds of a 440 Hz tone as µ-law
 * to their own loopback sink, and the harness prints how the pacing kept up (frames sent, late,
 * skipped), what the sinks received, and the process CPU time per session. With {@code --echo} the
 * sinks send every packet back, so the receive thread, jitter buffers and listeners carry the same
 * load as well. The SIP benchmark builds on it.
 *
 * <p>Run after {@code ./mvnw -o verify -pl dialer}: {@code java -cp
 * dialer/target/classes:dialer/target/test-classes io.outdial.media.rtp.RtpLoadHarness 100 20
 * [--echo]}. The run ends when every session's tone has been played out, so no sleep sets its
 * length. The sinks run on one harness thread whose CPU time is shown apart from the engine's.
 */
public final class RtpLoadHarness {
  private RtpLoadHarness() {}

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean echo = List.of(args).contains("--echo");
    InetAddress loopback = InetAddress.getLoopbackAddress();

    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
    Sinks sinks = new Sinks(sessions, loopback, echo);
    AtomicLong framesHeard = new AtomicLong();
    MediaListener listener =
        new MediaListener() {
          @Override
          public void onAudioFrame(short[] samples) {
            framesHeard.incrementAndGet();
          }

          @Override
          public void onDtmf(char digit) {}
        };
    short[] tone = Signals.tone(440, seconds, 8000); // shared: sessions only read it

    try (MediaEngine engine =
        new MediaEngine(
            MediaSettings.defaults().withBindAddress(loopback),
            Thread.ofPlatform().daemon().factory(),
            executor)) {
      List<MediaSession> open = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        open.add(engine.openSession(listener));
      }
      Thread sinkThread = Thread.ofPlatform().daemon().name("rtp-sinks").start(sinks::run);
      CountDownLatch playedOut = new CountDownLatch(sessions);
      long cpuStart = processCpuNanos();
      long sinkCpuStart = threadCpuNanos(sinkThread);
      long wallStart = System.nanoTime();
      for (int i = 0; i < sessions; i++) {
        open.get(i).start(sinks.address(i), 0, 101);
        open.get(i).play(tone, playedOut::countDown);
      }
      if (!playedOut.await(seconds * 3L + 30, TimeUnit.SECONDS)) {
        System.out.println("warning=not every tone was played out in time");
      }
      long wall = System.nanoTime() - wallStart;
      long cpu = processCpuNanos() - cpuStart;
      long sinkCpu = threadCpuNanos(sinkThread) - sinkCpuStart;
      MediaStats stats = engine.stats();
      long sinkPackets = sinks.received.get();
      open.forEach(MediaSession::close);
      sinks.stop();

      long expected = (long) sessions * seconds * 1000 / MediaEngine.FRAME_MILLIS;
      System.out.printf(
          "sessions=%d seconds=%d echo=%b cores=%d%n",
          sessions, seconds, echo, Runtime.getRuntime().availableProcessors());
      System.out.printf("wall_ms=%d tone_frames_expected=%d%n", wall / 1_000_000, expected);
      System.out.printf(
          "frames_sent=%d frames_late=%d frames_skipped=%d late_pct=%.3f%n",
          stats.framesSent(),
          stats.framesLate(),
          stats.framesSkipped(),
          100.0 * stats.framesLate() / Math.max(1, stats.framesSent()));
      System.out.printf("sink_packets=%d%n", sinkPackets);
      if (echo) {
        System.out.printf(
            "echo_received=%d lost=%d late=%d frames_delivered=%d%n",
            stats.packetsReceived(), stats.packetsLost(), stats.packetsLate(), framesHeard.get());
      }
      double perSessionSecond = (cpu - sinkCpu) / (double) sessions / (wall / 1e9) / 1e6;
      System.out.printf(
          "cpu_ms_total=%d cpu_ms_sinks=%d engine_cpu_ms_per_session=%.1f"
              + " engine_cpu_ms_per_session_second=%.3f engine_cpu_pct_of_one_core=%.1f%n",
          cpu / 1_000_000,
          sinkCpu / 1_000_000,
          (cpu - sinkCpu) / 1e6 / sessions,
          perSessionSecond,
          100.0 * (cpu - sinkCpu) / wall);
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * CPU time of one thread. Through reflection because tests are compiled inside the dialer's
   * module, which does not read {@code java.management}; the harness itself runs on the class path,
   * where every module is readable.
   */
  private static long threadCpuNanos(Thread thread) {
    try {
      Object bean =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      Method cpu =
          Class.forName("java.lang.management.ThreadMXBean")
              .getMethod("getThreadCpuTime", long.class);
      return (long) cpu.invoke(bean, thread.threadId());
    } catch (ReflectiveOperationException e) {
      return 0; // no per-thread CPU time: the sinks' share is then included in the total
    }
  }

  private static long processCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** N loopback sockets read by one thread; with echo they send each packet back. */
  private static final class Sinks {
    final AtomicLong received = new AtomicLong();
    private final Selector selector;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final boolean echo;
    private volatile boolean stopped;

    Sinks(int count, InetAddress address, boolean echo) throws IOException {
      this.echo = echo;
      selector = Selector.open();
      for (int i = 0; i < count; i++) {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(address, 0));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        channels.add(channel);
      }
    }

    InetSocketAddress address(int i) {
      try {
        return (InetSocketAddress) channels.get(i).getLocalAddress();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void run() {
      ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
      try {
        while (!stopped) {
          selector.select(
              key -> {
                DatagramChannel channel = (DatagramChannel) key.channel();
                try {
                  SocketAddress from;
                  while ((from = channel.receive(buffer.clear())) != null) {
                    received.incrementAndGet();
                    if (echo) {
                      channel.send(buffer.flip(), from);
                    }
                  }
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              },
              100);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void stop() throws IOException {
      stopped = true;
      selector.wakeup();
      for (DatagramChannel channel : channels) {
        channel.close();
      }
    }
  }
}
