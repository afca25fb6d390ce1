package io.outdial.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Open Liberty server of the runtime that the build unpacked ({@code
 * liberty/target/liberty/wlp}), driven through its {@code bin/server} script with Outdial's
 * settings as environment variables.
 */
public final class LibertyServer {
  /**
   * What a server's runs leave in its directory, not copied: logs, the workarea (caches), the
   * transaction log, uploaded contact files and temporary files.
   */
  private static final Set<String> RUN_ONLY =
      Set.of("logs", "workarea", "tranlog", "uploads", "temp");

  private final Path wlp;
  private final String name;
  private boolean started;

  public LibertyServer(Path wlp, String name) {
    this.wlp = wlp;
    this.name = name;
    if (!Files.isDirectory(serverDirectory())) {
      throw new IllegalStateException(
          "No Liberty server at " + serverDirectory() + ": build it first (./mvnw package)");
    }
  }

  /** The server that the build created, as named by the build's system properties. */
  public static LibertyServer fromBuild() {
    String dir = System.getProperty("outdial.liberty.dir", "target/liberty/wlp");
    String name = System.getProperty("outdial.server.name", "outdial");
    return new LibertyServer(Path.of(dir), name);
  }

  /**
   * A copy of this server under another name (configuration, driver, application, keystore; not
   * what its runs left), so that several servers of one runtime can run side by side.
   */
  public LibertyServer copy(String newName) {
    Path target = wlp.resolve("usr/servers").resolve(newName);
    try {
      deleteRecursively(target);
      try (Stream<Path> files = Files.walk(serverDirectory())) {
        for (Path source : (Iterable<Path>) files::iterator) {
          Path relative = serverDirectory().relativize(source);
          String top = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
          if (RUN_ONLY.contains(top)) {
            continue;
          }
          Path destination = target.resolve(relative.toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(destination);
          } else {
            Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LibertyServer(wlp, newName);
  }

  public String name() {
    return name;
  }

  public Path serverDirectory() {
    return wlp.resolve("usr/servers").resolve(name);
  }

  public Path logDirectory() {
    return serverDirectory().resolve("logs");
  }

  /**
   * Writes a configuration drop-in that overrides {@code server.xml} (for example test features).
   */
  public void writeOverride(String fileName, String xml) {
    Path dir = serverDirectory().resolve("configDropins/overrides");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(fileName), xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the server in the foreground with the console on this process's console. */
  public Process run(Map<String, String> environment) {
    return launch(List.of("run", name), environment, true);
  }

  /**
   * Starts the server in the background and returns once Liberty reports it started. The first
   * start through this object cleans the server's workarea (what an earlier build's server left); a
   * restart keeps the caches the first start made (bundles, annotations, the OpenAPI model), as an
   * operator's restart does.
   */
  public void start(Map<String, String> environment) {
    List<String> arguments = started ? List.of("start", name) : List.of("start", name, "--clean");
    started = true;
    await(launch(arguments, environment, false), "start");
  }

  /**
   * Kills the server's JVM at once, as a crash would (no shutdown of any kind), and returns once it
   * is gone.
   */
  public void kill() {
    Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle.of(pid)
          .ifPresent(
              process -> {
                process.destroyForcibly();
                process.onExit().join();
              });
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("No pid file for server " + name + " at " + pidFile, e);
    }
  }

  /** Stops the server and returns once it has stopped. */
  public void stop() {
    await(launch(List.of("stop", name), Map.of(), false), "stop");
  }

  private void await(Process process, String action) {
    try {
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("Liberty did not " + action + " within 180 s");
      }
      if (process.exitValue() != 0 && !(action.equals("stop") && process.exitValue() == 1)) {
        throw new IllegalStateException(
            "Liberty "
                + action
                + " failed (exit "
                + process.exitValue()
                + "); see "
                + logDirectory());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Process launch(List<String> arguments, Map<String, String> environment, boolean console) {
    ProcessBuilder builder =
        new ProcessBuilder(
            Stream.concat(
                    Stream.of(wlp.resolve("bin/server").toAbsolutePath().toString()),
                    arguments.stream())
                .toList());
    // Liberty runs on the JDK that runs this launcher (21 or newer), not on whatever is on PATH
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(environment);
    if (console) {
      builder.inheritIO();
    } else {
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(launcherLog()));
    }
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private java.io.File launcherLog() {
    try {
      Files.createDirectories(logDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return logDirectory().resolve("launcher.log").toFile();
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
