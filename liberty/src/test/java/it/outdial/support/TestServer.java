package it.outdial.support;

import static org.awaitility.Awaitility.await;

import io.outdial.launcher.EmbeddedDatabase;
import io.outdial.launcher.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An Outdial server for tests: a Liberty server of the build's runtime with its own embedded
 * PostgreSQL, on free ports (never 9080), stopped when the test JVM exits.
 */
public final class TestServer {
  private static TestServer shared;
  private static TestServer dialing;
  private static CallPair callPair;

  /**
   * JVM options of the servers that live for one or two test classes (every server but {@link
   * #shared()} and {@link #dialing()}, which stay up for the whole run and keep the JVM's
   * defaults): the client compiler only and the serial collector, so that no C2 compiler or
   * parallel GC threads compete with Liberty's start on a machine of two busy cores (Liberty's
   * {@code server} script hands {@code JVM_ARGS} to the JVM). Starts took about a third less time.
   */
  private static final String SHORT_LIVED_JVM_ARGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private final LibertyServer liberty;
  private final EmbeddedDatabase database;
  private final Map<String, String> environment = new HashMap<>();
  private final int httpPort;
  private final String adminKey;

  private final boolean ownsDatabase;
  private boolean closed;

  private TestServer(LibertyServer liberty, String adminKey) {
    this(
        liberty,
        adminKey,
        EmbeddedDatabase.start(
            Path.of("target", "it-pgdata", liberty.name() + "-" + UUID.randomUUID()), false),
        true);
  }

  private TestServer(
      LibertyServer liberty, String adminKey, EmbeddedDatabase database, boolean ownsDatabase) {
    this.liberty = liberty;
    this.adminKey = adminKey;
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.httpPort = EmbeddedDatabase.freePort();
    environment.put("OUTDIAL_HTTP_PORT", Integer.toString(httpPort));
    environment.put("OUTDIAL_DB_URL", database.jdbcUrl());
    environment.put("OUTDIAL_DB_USER", EmbeddedDatabase.USER);
    environment.put("OUTDIAL_DB_PASSWORD", EmbeddedDatabase.PASSWORD);
    if (adminKey != null) {
      environment.put("ADMIN_API_KEY", adminKey);
    }
    // answer 202 early, so that a test can see a large upload still running
    environment.put("OUTDIAL_UPLOAD_SYNC_WAIT_MS", "500");
    // what tests need beyond production: the local JMX connector Arquillian deploys through
    liberty.writeOverride(
        "it.xml",
        """
        <server>
          <featureManager>
            <feature>localConnector-1.0</feature>
          </featureManager>
          <applicationMonitor updateTrigger="mbean" dropinsEnabled="true"/>
        </server>
        """);
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, liberty.name() + "-stop"));
  }

  /**
   * The server the API tests share, started at first use with a known admin key. It does not dial
   * (campaigns stay as the API left them); dialing tests use {@link #dialing()}.
   *
   * <p>It is a copy of the built server under a name of its own ({@code outdial-shared-} and eight
   * random hex digits), because Arquillian finds the server it deploys into by looking for a JVM
   * whose command line contains the server's name: with the built server's name, {@code outdial},
   * it could attach to any other test server running beside it ({@code outdial-dialing} contains
   * {@code outdial}), or to another checkout's, and wait for its deployment there in vain. {@link
   * SharedServer} publishes the name as {@code outdial.it.server.name} for {@code arquillian.xml}.
   */
  public static synchronized TestServer shared() {
    if (shared == null) {
      String name = "outdial-shared-" + UUID.randomUUID().toString().substring(0, 8);
      TestServer server =
          new TestServer(LibertyServer.fromBuild().copy(name), "it-admin-" + UUID.randomUUID());
      server.with("OUTDIAL_DIALER_ENABLED", "false");
      server.start();
      keepKeystoreForCopies(server);
      shared = server;
    }
    return shared;
  }

  /**
   * Copies the keystore and LTPA keys that Liberty made at the shared server's first start into the
   * built server, so that servers copied from it later load them instead of each making its own (a
   * few seconds of CPU per start), as they did when the shared server was the built one.
   */
  private static void keepKeystoreForCopies(TestServer server) {
    Path made = server.liberty().serverDirectory().resolve("resources/security");
    Path built = LibertyServer.fromBuild().serverDirectory().resolve("resources/security");
    try (Stream<Path> files = Files.list(made)) {
      Files.createDirectories(built);
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = built.resolve(file.getFileName().toString());
        if (Files.isRegularFile(file) && !Files.exists(target)) {
          Files.copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The server the dialing tests share: it dials through the simulator at 1/100 of real time, at
   * any hour, retrying after half a second; text messages go through the messaging simulator, which
   * refuses {@link #SMS_REFUSED_BY_CARRIER}, at most {@link #SMS_PER_MINUTE} a minute per key. It
   * stays up from one test class to the next and stops when a class makes a server of its own
   * (those classes measure, kill or restart, and get the machine without an idle dialer) or uses
   * {@link #callPair()}. Its classes are marked {@code @ServerGroup(ServerGroup.DIALING)}, so that
   * they run one after another ({@link ServerGroupOrder}).
   */
  public static synchronized TestServer dialing() {
    if (dialing == null) {
      closeGroupServers();
      TestServer server =
          new TestServer(
              LibertyServer.fromBuild().copy("outdial-dialing"), "it-admin-" + UUID.randomUUID());
      dialingSettings(server)
          .with("OUTDIAL_RATE_LIMIT_SMS", Integer.toString(SMS_PER_MINUTE))
          .with("OUTDIAL_MESSAGING_SIMULATOR_FAIL_TO", SMS_REFUSED_BY_CARRIER)
          .with("OUTDIAL_MESSAGING_POLL_INTERVAL", "100ms");
      server.start();
      dialing = server;
    }
    return dialing;
  }

  /**
   * Two servers on one database for the tests of live calls: {@code dialer} places the calls (the
   * simulator at real time, so that a conversation lasts long enough to be ended or transferred;
   * otherwise the settings of {@link #dialing()}) and {@code front} dials nothing and takes the API
   * requests, so that every request about a call lands on a server that does not hold it. Ending a
   * call is limited to 3 requests a minute per key, transferring one to 100. The pair stays up from
   * one test class to the next, like {@link #dialing()}, and its classes are marked
   * {@code @ServerGroup(ServerGroup.CALL_PAIR)}.
   */
  public static synchronized CallPair callPair() {
    if (callPair == null) {
      closeGroupServers();
      TestServer dialer =
          new TestServer(
              LibertyServer.fromBuild().copy("outdial-call-dialer"),
              "it-admin-" + UUID.randomUUID());
      dialingSettings(dialer)
          .with("JVM_ARGS", SHORT_LIVED_JVM_ARGS)
          .with("OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE", "1")
          .with("OUTDIAL_RATE_LIMIT_CALL_END", "3")
          .with("OUTDIAL_RATE_LIMIT_CALL_TRANSFER", "100");
      dialer.start();
      TestServer front =
          joiningOf("outdial-call-front", dialer).with("OUTDIAL_DIALER_ENABLED", "false");
      front.start();
      callPair = new CallPair(dialer, front);
    }
    return callPair;
  }

  /** The servers of {@link #callPair()}. */
  public record CallPair(TestServer dialer, TestServer front) {}

  /** The number the dialing server's messaging simulator refuses. */
  public static final String SMS_REFUSED_BY_CARRIER = "+12125550199";

  /** The dialing server's text-message limit per key and minute. */
  public static final int SMS_PER_MINUTE = 6;

  /** The settings of {@link #dialing()}, for other servers that dial. */
  public static TestServer dialingSettings(TestServer server) {
    return server
        .with("OUTDIAL_DIALER_CALLING_HOURS", "always")
        .with("OUTDIAL_TELEPHONY_SIMULATOR_TIME_SCALE", "0.01")
        .with("OUTDIAL_DIALER_RETRY_DELAY_SECONDS", "0.5")
        .with("OUTDIAL_DIALER_LEASE_SECONDS", "3")
        .with("OUTDIAL_DIALER_CAPACITY", "20")
        // tests poll stats many times a minute
        .with("OUTDIAL_RATE_LIMIT_DEFAULT", "100000")
        // webhooks to the tests' receivers on loopback, retried within a second, quick to time out
        .with("OUTDIAL_WEBHOOKS_ALLOWED_DESTINATIONS", "127.0.0.1")
        .with("OUTDIAL_WEBHOOKS_RETRY_SCHEDULE", "200ms,400ms,800ms")
        .with("OUTDIAL_WEBHOOKS_TIMEOUT_SECONDS", "1")
        .with("OUTDIAL_WEBHOOKS_POLL_MS", "100")
        .with("OUTDIAL_RATE_LIMIT_WEBHOOKS", "1000");
  }

  /**
   * A second server (a copy of the built one under {@code name}) on the same database as {@code
   * other}, with the same admin key; not started. Its environment starts as a copy of {@code
   * other}'s, with its own port.
   */
  public static TestServer joining(String name, TestServer other) {
    closeGroupServers();
    return joiningOf(name, other);
  }

  private static TestServer joiningOf(String name, TestServer other) {
    TestServer server =
        new TestServer(LibertyServer.fromBuild().copy(name), other.adminKey, other.database, false);
    other.environment.forEach(
        (k, v) -> {
          if (!k.equals("OUTDIAL_HTTP_PORT")) {
            server.environment.put(k, v);
          }
        });
    return server;
  }

  /**
   * A server of its own (a copy of the built one under {@code name}) with a fresh database and no
   * {@code ADMIN_API_KEY}; not started.
   */
  public static TestServer isolated(String name) {
    closeGroupServers();
    return new TestServer(LibertyServer.fromBuild().copy(name), null)
        .with("JVM_ARGS", SHORT_LIVED_JVM_ARGS);
  }

  /**
   * A server of its own (see {@link #isolated(String)}) that knows the admin key, for tests that
   * restart or kill their server.
   */
  public static TestServer isolatedWithAdminKey(String name) {
    closeGroupServers();
    return new TestServer(LibertyServer.fromBuild().copy(name), "it-admin-" + UUID.randomUUID())
        .with("JVM_ARGS", SHORT_LIVED_JVM_ARGS);
  }

  /** Sets an environment variable for the next start. */
  public TestServer with(String variable, String value) {
    if (value == null) {
      environment.remove(variable);
    } else {
      environment.put(variable, value);
    }
    return this;
  }

  /** Starts Liberty and waits until {@code /health/ready} says it is ready. */
  public void start() {
    liberty.start(environment);
    Api api = api();
    await("Outdial ready on port " + httpPort)
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> api.get("/health/ready").status() == 200);
  }

  public void stop() {
    liberty.stop();
  }

  /**
   * Stops Liberty and the database this server owns, for test classes whose servers would otherwise
   * run (and dial) until the test JVM exits.
   */
  public void close() {
    shutdown();
  }

  /** Closes {@link #dialing()} and {@link #callPair()}, those of them that were started. */
  private static synchronized void closeGroupServers() {
    if (dialing != null) {
      dialing.close();
      dialing = null;
    }
    if (callPair != null) {
      callPair.front().close();
      callPair.dialer().close();
      callPair = null;
    }
  }

  public Api api() {
    return new Api(baseUrl());
  }

  public String baseUrl() {
    return "http://localhost:" + httpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The admin key given as {@code ADMIN_API_KEY}, or null for an isolated server. */
  public String adminKey() {
    return adminKey;
  }

  public LibertyServer liberty() {
    return liberty;
  }

  public EmbeddedDatabase database() {
    return database;
  }

  private synchronized void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      liberty.stop();
    } finally {
      if (ownsDatabase) {
        database.close();
      }
    }
  }
}
