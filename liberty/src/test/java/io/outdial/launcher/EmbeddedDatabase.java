package io.outdial.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on a local port, with an {@code outdial}
 * database. Its data directory is kept between starts when it is given one.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  /** Database, user and password the embedded server is set up with (local trust login). */
  public static final String DATABASE = "outdial";

  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on a free port.
   *
   * @param dataDirectory where the cluster lives; an existing cluster there is reused as is
   * @param keepData whether {@code dataDirectory} survives {@link #close()}; a kept database is
   *     also left to its owner to stop, so that a launcher can stop the server that uses it first
   */
  public static EmbeddedDatabase start(Path dataDirectory, boolean keepData) {
    try {
      Files.createDirectories(dataDirectory.getParent());
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(!keepData)
              .setPort(freePort())
              .setServerConfig("max_connections", "200")
              .setRegisterShutdownHook(!keepData)
              .start();
      EmbeddedDatabase database = new EmbeddedDatabase(postgres);
      database.createDatabaseIfMissing();
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
    }
  }

  /** JDBC URL of the {@code outdial} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  public int port() {
    return postgres.getPort();
  }

  private void createDatabaseIfMissing() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rs =
          statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
        if (!rs.next()) {
          statement.execute("create database " + DATABASE);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the " + DATABASE + " database", e);
    }
  }

  /** A TCP port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
