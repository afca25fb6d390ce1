package it.outdial.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct SQL on the test server's database: fixtures the API cannot make, and facts the API does
 * not show (calls in flight at this instant, contact states, the do-not-call list).
 */
public final class Database {
  private Database() {}

  /** A connection of its own to the server's database, as its superuser. */
  public static Connection connect(TestServer server) throws SQLException {
    return DriverManager.getConnection(server.database().jdbcUrl(), "postgres", "postgres");
  }

  /** Runs one statement with these parameters and returns the update count. */
  public static int update(TestServer server, String sql, Object... parameters) {
    try (Connection connection = connect(server);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Runs one query that answers a single number (a count). */
  public static long number(TestServer server, String sql, Object... parameters) {
    return single(server, sql, parameters, rows -> rows.getLong(1));
  }

  /** Runs one query that answers a single text value. */
  public static String text(TestServer server, String sql, Object... parameters) {
    return single(server, sql, parameters, rows -> rows.getString(1));
  }

  /**
   * Runs one query and answers every row as column name to value, in column order. Parameters may
   * be {@link Instant}s (as {@code timestamptz}) and collections of text (as a {@code varchar[]},
   * for {@code = any(?)}).
   */
  public static List<Map<String, Object>> rows(
      TestServer server, String sql, Object... parameters) {
    try (Connection connection = connect(server);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        ResultSetMetaData columns = result.getMetaData();
        while (result.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= columns.getColumnCount(); i++) {
            row.put(columns.getColumnLabel(i), result.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Calls of the campaign in flight now (a call record without an end). */
  public static long callsInFlight(TestServer server, String campaign) {
    return number(
        server, "select count(*) from call where campaign_id = ? and ended_at is null", campaign);
  }

  /** Contacts of the campaign still to be dialed or being dialed. */
  public static long openContacts(TestServer server, String campaign) {
    return number(
        server,
        "select count(*) from contact where campaign_id = ? and status in ('pending', 'dialing')",
        campaign);
  }

  private interface Column<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private static <T> T single(
      TestServer server, String sql, Object[] parameters, Column<T> column) {
    try (Connection connection = connect(server);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException("no row: " + sql);
        }
        return column.read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value instanceof Instant instant) {
        statement.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      } else if (value instanceof Collection<?> values) {
        statement.setArray(
            i + 1, statement.getConnection().createArrayOf("varchar", values.toArray()));
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }
}
