package io.outdial.persistence.dialing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@link Transactor} on a bare data source, as the contract tests run the JDBC ports: each work
 * gets a connection of its own with auto-commit off, committed when the work returns and rolled
 * back when it throws; driver exceptions become what {@link Transactor#failure} makes of them.
 */
public final class PlainTransactor implements Transactor {
  private final DataSource dataSource;

  public PlainTransactor(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw Transactor.failure(what, e);
    }
  }
}
