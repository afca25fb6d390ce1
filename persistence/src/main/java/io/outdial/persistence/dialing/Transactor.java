package io.outdial.persistence.dialing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs plain JDBC work in one transaction: committed when the work returns, rolled back when it
 * throws. In the server the transaction is JTA's ({@link JtaTransactor}); a test on a bare
 * PostgreSQL gives one of its own. The dialing ports' JDBC implementations take one of these, as
 * db-scheduler's {@code JdbcTaskRepository} takes its runner, so their contract tests need no
 * container.
 */
public interface Transactor {
  /** Work on the transaction's connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction of its own (or the caller's, when one is active).
   *
   * @param what names the work in the exception when it fails ("claim contacts")
   * @throws OutcomeRejectedException when the database refused the data itself (a value it cannot
   *     store, a broken constraint): the same work will fail again
   * @throws jakarta.persistence.PersistenceException for any other failure (database away, lock
   *     timeout): the same work may succeed later
   */
  <T> T inTransaction(String what, Work<T> work);

  /** Turns a driver exception into the exception {@link #inTransaction} promises. */
  static RuntimeException failure(String what, SQLException e) {
    String state = e.getSQLState();
    // class 22 is a data exception (e.g. U+0000 in jsonb), 23 an integrity constraint violation
    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
      return new OutcomeRejectedException("Could not " + what + ": the data was refused", e);
    }
    return new jakarta.persistence.PersistenceException("Could not " + what, e);
  }
}
