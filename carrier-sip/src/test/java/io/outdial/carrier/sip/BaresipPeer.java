package io.outdial.carrier.sip;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SIP phone for tests: Debian's {@code baresip} on 127.0.0.1 at a free port, answering
 * automatically (or ringing forever in manual mode), playing a WAV and optionally recording both
 * directions. Started headless ({@code baresip -f <dir> -v -s </dev/null}); {@link #start()}
 * returns once its output says it is ready, and everything it prints (SIP trace included) can be
 * awaited.
 *
 * <p>When {@code baresip} is not on the PATH, {@link #requireBaresip()} skips the test, except with
 * environment {@code CI=true}, where it fails: CI installs it.
 */
public final class BaresipPeer implements AutoCloseable {
  /** Answers at once, or rings until the caller gives up. */
  public enum AnswerMode {
    AUTO,
    MANUAL
  }

  /** The number its account answers to: dial this (other numbers get 404). */
  public static final String NUMBER = "15550123";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

  private final Path dir;
  private AnswerMode answerMode = AnswerMode.AUTO;
  private String codecs = "pcmu";
  private int maxCalls = 4;
  private double playSeconds = 30;
  private Path playFile;
  private List<String> numbers = List.of(NUMBER);
  private boolean recording;

  private boolean console;
  private int consolePort;

  private Process process;
  private int port;
  private final List<String> lines = new ArrayList<>();

  private BaresipPeer(Path dir) {
    this.dir = dir;
  }

  /** A peer configured in (a fresh subdirectory of) {@code tempDir}; call {@link #start()}. */
  public static BaresipPeer in(Path tempDir) {
    requireBaresip();
    try {
      return new BaresipPeer(Files.createTempDirectory(tempDir, "baresip"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips the calling test when baresip is missing, or fails it on CI. */
  public static void requireBaresip() {
    boolean present =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .anyMatch(d -> Files.isExecutable(Path.of(d, "baresip")));
    if (present) {
      return;
    }
    String message =
        "baresip is not on the PATH: the real-peer SIP tests need it"
            + " (apt-get install baresip-core)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.assumeTrue(false, message + "; skipped");
  }

  public BaresipPeer answerMode(AnswerMode mode) {
    this.answerMode = mode;
    return this;
  }

  /** {@code pcmu}, {@code pcma} or {@code pcmu,pcma}. */
  public BaresipPeer codecs(String codecs) {
    this.codecs = codecs;
    return this;
  }

  /** Further calls get 486 Busy Here. */
  public BaresipPeer maxCalls(int maxCalls) {
    this.maxCalls = maxCalls;
    return this;
  }

  /**
   * Length of the WAV it plays once answered: a 440 Hz tone for the first second, silence after.
   * Baresip hangs up when the file ends.
   */
  public BaresipPeer playSeconds(double seconds) {
    this.playSeconds = seconds;
    return this;
  }

  /**
   * Plays this 8 kHz mono 16-bit WAV once answered instead of the tone (pad it with silence:
   * baresip hangs up when the file ends).
   */
  public BaresipPeer play(Path wav) {
    this.playFile = wav;
    return this;
  }

  /** The user part its account answers to (default {@link #NUMBER}), e.g. an E.164 number. */
  public BaresipPeer number(String number) {
    return numbers(List.of(number));
  }

  /** One account per number, each answering calls to it (a campaign's contacts). */
  public BaresipPeer numbers(List<String> numbers) {
    this.numbers = List.copyOf(numbers);
    return this;
  }

  /**
   * Listens for key presses on a UDP console (the cons module), so that {@link #press} can dial
   * DTMF digits in a call.
   */
  public BaresipPeer console(boolean on) {
    this.console = on;
    return this;
  }

  /**
   * Presses keys on its keypad: during a call, digits {@code 0-9 * #} are sent as DTMF. Needs
   * {@link #console(boolean)}.
   */
  public void press(String keys) throws IOException {
    if (!console) {
      throw new IllegalStateException("start the peer with console(true) to press keys");
    }
    byte[] data = keys.getBytes(StandardCharsets.US_ASCII);
    try (var socket = new DatagramSocket()) {
      socket.send(
          new java.net.DatagramPacket(
              data, data.length, InetAddress.getLoopbackAddress(), consolePort));
    }
  }

  /** Records both directions of each call as WAV files (sndfile module). */
  public BaresipPeer recording(boolean on) {
    this.recording = on;
    return this;
  }

  /** Starts baresip on a free port and waits until it says it is ready. */
  public BaresipPeer start() throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      port = freeUdpPort();
      writeConfig();
      process =
          new ProcessBuilder("baresip", "-f", dir.toString(), "-v", "-s")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      Thread reader = new Thread(this::readOutput, "baresip-" + port);
      reader.setDaemon(true);
      reader.start();
      if (awaitOutput(l -> l.contains("baresip is ready"), READY_TIMEOUT)) {
        return this;
      }
      last = new IOException("baresip did not get ready on port " + port + ": " + output());
      close();
    }
    throw last;
  }

  /** The SIP port it listens on (127.0.0.1, UDP and TCP). */
  public int port() {
    return port;
  }

  /** Everything it printed so far. */
  public List<String> output() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /**
   * Waits until a printed line matches {@code condition} (lines already printed count).
   *
   * @return false when {@code timeout} passed first or baresip exited
   */
  public boolean awaitOutput(Predicate<String> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      int seen = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (condition.test(lines.get(seen))) {
            return true;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (process != null && !process.isAlive() && seen == lines.size())) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lines, left);
      }
    }
  }

  /** The WAV files recorded so far (empty unless {@link #recording} is on). */
  public List<Path> recordings() throws IOException {
    Path snd = dir.resolve("rec");
    if (!Files.isDirectory(snd)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(snd)) {
      return files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
    }
  }

  /** Kills baresip at once (SIGKILL): its calls stay up on our side, nobody answers them. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readOutput() {
    Process p = process;
    try (var in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    } finally {
      synchronized (lines) {
        lines.notifyAll();
      }
    }
  }

  private void writeConfig() throws IOException {
    Path wav = playFile;
    if (wav == null) {
      wav = dir.resolve("play.wav");
      writeWav(wav, playSeconds);
    }
    Files.createDirectories(dir.resolve("rec"));
    List<String> config = new ArrayList<>();
    config.add("sip_listen 127.0.0.1:" + port);
    config.add("net_interface 127.0.0.1");
    config.add("dns_server 127.0.0.1:53");
    config.add("call_max_calls " + maxCalls);
    config.add("audio_source aufile," + wav);
    config.add("audio_player aubridge,nowhere");
    config.add("module_path /usr/lib/baresip/modules");
    for (String module : List.of("g711", "aufile", "aubridge", "account", "menu")) {
      config.add("module " + module + ".so");
    }
    if (console) {
      consolePort = freeUdpPort();
      config.add("module cons.so");
      config.add("cons_listen 127.0.0.1:" + consolePort);
    }
    if (recording) {
      config.add("module sndfile.so");
      config.add("snd_path " + dir.resolve("rec"));
    }
    Files.write(dir.resolve("config"), config);
    StringBuilder accounts = new StringBuilder();
    for (String number : numbers) {
      accounts
          .append("<sip:")
          .append(number)
          .append("@127.0.0.1:")
          .append(port)
          .append(">;answermode=")
          .append(answerMode.name().toLowerCase(Locale.ROOT))
          .append(";audio_codecs=")
          .append(codecs)
          .append(";regint=0;ptime=20\n");
    }
    Files.writeString(dir.resolve("accounts"), accounts);
  }

  /** 8 kHz mono 16-bit PCM: one second of 440 Hz at a quarter of full scale, then silence. */
  public static void writeWav(Path file, double seconds) throws IOException {
    int samples = (int) Math.round(seconds * 8000);
    ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000);
    b.putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      double v = i < 8000 ? Math.sin(2 * Math.PI * 440 * i / 8000.0) * 8192 : 0;
      b.putShort((short) Math.round(v));
    }
    Files.write(file, b.array());
  }

  /** A UDP port free on 127.0.0.1 right now. */
  public static int freeUdpPort() throws IOException {
    try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
