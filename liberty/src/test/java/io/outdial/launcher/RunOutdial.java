package io.outdial.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The README's run command: starts the embedded PostgreSQL (unless {@code OUTDIAL_DB_URL} points at
 * a database) and then Outdial on Liberty in the foreground, until Ctrl-C.
 *
 * <p>The embedded database keeps its data in {@code $OUTDIAL_HOME/pgdata} ({@code ~/.outdial} by
 * default), so keys and campaigns survive a restart.
 */
public final class RunOutdial {
  private RunOutdial() {}

  public static void main(String[] args) throws InterruptedException {
    LibertyServer server = LibertyServer.fromBuild();
    Map<String, String> environment = new HashMap<>();
    EmbeddedDatabase database = null;
    String configuredUrl = System.getenv("OUTDIAL_DB_URL");
    if (configuredUrl == null || configuredUrl.isBlank()) {
      Path home =
          Path.of(
              System.getenv()
                  .getOrDefault("OUTDIAL_HOME", System.getProperty("user.home") + "/.outdial"));
      Path dataDirectory = home.resolve("pgdata");
      System.out.println("Outdial: starting the embedded PostgreSQL in " + dataDirectory);
      database = EmbeddedDatabase.start(dataDirectory, true);
      environment.put("OUTDIAL_DB_URL", database.jdbcUrl());
      environment.put("OUTDIAL_DB_USER", EmbeddedDatabase.USER);
      environment.put("OUTDIAL_DB_PASSWORD", EmbeddedDatabase.PASSWORD);
      System.out.println("Outdial: embedded PostgreSQL ready at " + database.jdbcUrl());
    } else {
      System.out.println("Outdial: using the database at OUTDIAL_DB_URL; no embedded PostgreSQL");
    }
    Process liberty = server.run(environment);
    EmbeddedDatabase started = database;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (liberty.isAlive()) {
                    server.stop();
                  }
                  if (started != null) {
                    started.close();
                  }
                },
                "outdial-shutdown"));
    int exit = liberty.waitFor();
    System.out.println("Outdial: Liberty exited with status " + exit);
  }
}
