package it.outdial.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Direct SQL on the test server's database, for fixtures that the API cannot make yet (call records
 * come from the dialer).
 */
public final class Database {
  private Database() {}

  /** Runs one statement with these parameters and returns the update count. */
  public static int update(TestServer server, String sql, Object... parameters) {
    try (Connection connection =
            DriverManager.getConnection(server.database().jdbcUrl(), "postgres", "postgres");
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
