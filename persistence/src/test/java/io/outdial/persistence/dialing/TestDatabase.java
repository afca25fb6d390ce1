package io.outdial.persistence.dialing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM (zonky's binaries), started on first use with the schema
 * migrated as the server migrates it, and stopped by its shutdown hook. Tests empty the dialing
 * tables with {@link #empty()} before each test, so that none sees another's rows. Connections are
 * reused ({@link PooledConnections}).
 */
public final class TestDatabase {
  /** Every table the dialing ports and their fixtures write, those referring to others first. */
  private static final String[] TABLES = {
    "call_transfer",
    "transfer_callback",
    "transfer_queue_member",
    "transfer_target",
    "sms_message",
    "webhook_delivery",
    "webhook_event",
    "webhook_endpoint",
    "call",
    "contact",
    "job",
    "campaign",
    "agent",
    "client_usage",
    "do_not_call",
    "dialer_server"
  };

  private static DataSource dataSource;

  private TestDatabase() {}

  /** The migrated database; a connection it gives is the caller's alone until closed. */
  public static synchronized DataSource dataSource() {
    if (dataSource == null) {
      EmbeddedPostgres postgres;
      try {
        // durability is of no use to a database thrown away with the JVM
        postgres =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "50")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
      }
      DataSource ds = postgres.getPostgresDatabase();
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
      dataSource = new PooledConnections(ds);
    }
    return dataSource;
  }

  /**
   * Empties every table the dialing ports and their fixtures write ({@code delete}, faster than
   * {@code truncate} on tables this small).
   */
  public static void empty() {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.addBatch("delete from " + table);
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not empty the test database", e);
    }
  }
}
